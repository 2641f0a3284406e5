/** The shape of one entity's import: where its legacy rows come from and how they become new rows. */

export type ColumnType =
  'uuid' | 'text' | 'integer' | 'smallint' | 'bigint' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

/** The new table an entity is written to (columns other than id and tenant_id). */
export interface TargetTable {
  table: string;
  columns: Readonly<Record<string, ColumnType>>;
  /** has a `version` column: updates bump it and only apply when nobody changed the row since the import */
  versioned: boolean;
  /** columns written on insert and never on update (e.g. created_at) */
  insertOnly?: readonly string[];
  /** on update, SQL for a column in terms of `t` (the current row) and `v` (the imported values) */
  updateExpressions?: Readonly<Record<string, string>>;
}

export type LegacyRow = { id: string } & Record<string, string | null>;

/** A reference to a legacy row that was not imported: the row fails, naming it. */
export class BrokenReference extends Error {}

/** The row is deliberately not imported (deleted in legacy, or part of something that is). */
export class SkipRow extends Error {}

export interface MapContext {
  /** The legacy instance's time zone (its DATETIME columns are wall-clock times there). */
  readonly zone: string;
  /** The new id of an imported legacy row; throws BrokenReference (or SkipRow when the row was skipped). */
  ref(entity: string, legacyId: string | null, field: string): string;
  /** As ref, but a NULL legacy id gives null. */
  optionalRef(entity: string, legacyId: string | null, field: string): string | null;
  /** Id of the tenant's role with this key. */
  roleId(key: string): string;
  /** The tenant already has a default workflow that did not come from this import. */
  readonly tenantHasOwnDefaultWorkflow: boolean;
  note(text: string): void;
}

export interface Mapped {
  /** values of the target columns */
  values: Record<string, unknown>;
}

/** A row about to be written: its legacy id, new id and mapped values. */
export interface PlannedRow {
  legacyId: string;
  id: string;
  values: Record<string, unknown>;
  hash: string;
  /** the version the import expects the new row to have (updates of versioned tables) */
  expectedVersion?: number | null;
}

/** What a step may check against the new database before writing (legacy id → failure reason). */
export interface StepValidation {
  failures: Map<string, string>;
}

export interface ImportStep {
  /** key in the mapping table and the report */
  entity: string;
  legacyTable: string;
  /** entity_type of the audit events */
  auditType: string;
  /**
   * the entities this step's rows refer to (`ref`): imported before it starts (steps that do not depend
   * on each other run side by side); a reference to any other entity is a programming error
   */
  dependsOn: readonly string[];
  target: TargetTable;
  /** alias of the legacy table in `from` */
  alias: string;
  /** SELECT list (must include `<alias>.id AS id`) */
  select: string;
  /** FROM … WHERE …: the rows of the legacy instance (one `?` placeholder: the instance id) */
  from: string;
  /** with --since: extra conditions (OR-ed with the row's own timestamps), each with `?` for the instant */
  sinceAlso?: readonly string[];
  /** the legacy table has created_at / updated_at (and deleted_at) columns of its own */
  timestamps: 'created_updated' | 'created_updated_deleted' | 'created';
  /** read every row at once and order them (self-references: parents first) */
  readAllOrdered?: (rows: LegacyRow[]) => { ordered: LegacyRow[]; cycles: LegacyRow[] };
  map(row: LegacyRow, ctx: MapContext): Mapped;
  /** rows with the same key in one run are duplicates: the later ones fail (null: no key) */
  uniqueKey?(values: Record<string, unknown>): string | null;
  /** columns left out of the audit event's after_state */
  auditOmit?: readonly string[];
  /** checks against the new database before writing: legacy id → why the row cannot be written */
  validate?(hooks: StepHooks, rows: PlannedRow[], inserts: PlannedRow[]): Promise<Map<string, string>>;
  /** more writes in the same transaction, after the rows (role grants, invoice counters, paid amounts) */
  afterWrite?(hooks: StepHooks, written: PlannedRow[], inserted: PlannedRow[]): Promise<void>;
}

/** What steps may ask of the new database around their writes (implemented by the import repository). */
export interface StepHooks {
  /** lower(email) → tenant of the existing account, for emails among these */
  existingEmails(emails: string[]): Promise<Map<string, string>>;
  grantTenantRoles(grants: { userId: string; roleId: string }[]): Promise<void>;
  raiseInvoiceCounters(numbers: string[]): Promise<void>;
  /** total_minor and the payments already recorded, per invoice */
  invoiceBalances(invoiceIds: string[]): Promise<Map<string, { total: bigint; paid: bigint }>>;
  recomputePaid(invoiceIds: string[]): Promise<void>;
}
