import type { ImportStep, LegacyRow } from '../import-step';
import { LegacyValueError, mapped, PROGRAM_STATUS, text } from '../legacy-values';
import { created, updated, skipIfDeleted } from './step-values';

/** Parents first; rows on a parent loop are returned apart (they fail). */
function parentsFirst(rows: LegacyRow[]): { ordered: LegacyRow[]; cycles: LegacyRow[] } {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered: LegacyRow[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'cycle'>();
  const visit = (row: LegacyRow, path: Set<string>): boolean => {
    const s = state.get(row.id);
    if (s === 'done') return true;
    if (s === 'cycle' || path.has(row.id)) return false;
    path.add(row.id);
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    const ok = parent ? visit(parent, path) : true;
    path.delete(row.id);
    state.set(row.id, ok ? 'done' : 'cycle');
    if (ok) ordered.push(row);
    return ok;
  };
  for (const row of rows) visit(row, new Set());
  return { ordered, cycles: rows.filter((r) => state.get(r.id) === 'cycle') };
}

export const programs: ImportStep = {
  entity: 'program',
  legacyTable: 'programs',
  auditType: 'program',
  // parents are programs too: read all at once, parents first
  dependsOn: [],
  target: {
    table: 'programs',
    versioned: true,
    columns: {
      parent_id: 'uuid',
      name: 'text',
      description: 'text',
      status: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'p',
  select:
    'p.id AS id, p.parent_id, p.name, p.description, p.status, p.created_at, p.updated_at, p.deleted_at',
  from: 'programs p WHERE p.application_instance_id = ?',
  timestamps: 'created_updated_deleted',
  readAllOrdered: parentsFirst,
  map(row, ctx) {
    skipIfDeleted(row);
    const name = text(row.name).trim();
    if (!name) throw new LegacyValueError('name: empty');
    return {
      values: {
        parent_id: ctx.optionalRef('program', row.parent_id, 'parent_id'),
        name: name.slice(0, 200),
        description: text(row.description),
        status: mapped(PROGRAM_STATUS, row.status ?? '', 'status'),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
};
