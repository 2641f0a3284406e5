import { MigrationInterface, QueryRunner } from 'typeorm';

/** The application role of the certification service: INSERT and SELECT only (see AUDIT_TABLES). */
export const RUNCIBLE_APP_ROLE = 'runcible_app';

/** Every table of the audit database; all are append-only. */
export const AUDIT_TABLES = [
  'signing_keys',
  'governance_policies',
  'certifications',
  'certification_events',
  'llm_output_versions',
  'audit_event_ids',
  'audit_events',
  'log_leaves',
  'log_checkpoints',
] as const;

/**
 * Runcible's append-only audit database. Nothing here is ever updated or deleted: status changes are
 * appended events, the current status is derived, and every certification status event and audit event
 * is a leaf of the transparency log (log_leaves), whose signed checkpoints make a superuser's edit
 * detectable by `audit:verify`.
 *
 * Enforcement, two layers: the role `runcible_app` (NOLOGIN; the service assumes it with `SET ROLE`
 * through the `role` startup parameter) has only SELECT and INSERT; triggers reject UPDATE, DELETE and
 * TRUNCATE for everyone, owners included.
 */
export class RuncibleAudit1765000000000 implements MigrationInterface {
  name = 'RuncibleAudit1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RUNCIBLE_APP_ROLE}') THEN
          CREATE ROLE ${RUNCIBLE_APP_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION runcible_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('certificate', 'log', 'tsa')),
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_encrypted text NOT NULL,
        certificate_pem text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX signing_keys_purpose_created ON signing_keys (purpose, created_at DESC)`);

    await q.query(`
      CREATE TABLE governance_policies (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        key text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        name text NOT NULL,
        rules_hash char(64) NOT NULL,
        rules jsonb NOT NULL,
        thresholds jsonb NOT NULL,
        validity_days integer,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key, version)
      )`);

    await q.query(`
      CREATE TABLE certifications (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        number text NOT NULL,
        number_seq integer NOT NULL,
        task_id text,
        policy_id uuid NOT NULL REFERENCES governance_policies (id),
        policy_version integer NOT NULL,
        policy_hash char(64) NOT NULL,
        input_hash char(64) NOT NULL,
        output_hash char(64) NOT NULL,
        provider text NOT NULL,
        model text NOT NULL,
        risk_score double precision NOT NULL,
        policy_results jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        certificate jsonb NOT NULL,
        jws text NOT NULL,
        key_id text NOT NULL REFERENCES signing_keys (kid),
        timestamp_token bytea NOT NULL,
        parent_certification_id uuid REFERENCES certifications (id),
        expires_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL,
        UNIQUE (tenant_id, number),
        UNIQUE (tenant_id, number_seq)
      )`);
    await q.query(`CREATE INDEX certifications_tenant_created ON certifications (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX certifications_tenant_task ON certifications (tenant_id, task_id)`);
    await q.query(`CREATE INDEX certifications_parent ON certifications (parent_certification_id)`);

    await q.query(`
      CREATE TABLE certification_events (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        certification_id uuid NOT NULL REFERENCES certifications (id),
        kind text NOT NULL CHECK (kind IN
          ('certified', 'pending_review', 'approved', 'rejected', 'revoked', 'expired', 'viewed')),
        reason text,
        actor_type text NOT NULL,
        actor_id text,
        ip text,
        user_agent text,
        leaf_index bigint,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX certification_events_cert ON certification_events (certification_id, created_at)`,
    );

    await q.query(`
      CREATE TABLE llm_output_versions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        certification_id uuid NOT NULL REFERENCES certifications (id),
        parent_certification_id uuid REFERENCES certifications (id),
        input jsonb NOT NULL,
        output jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX llm_output_versions_cert ON llm_output_versions (certification_id)`);

    // A partitioned table cannot have a unique key without its partition column, so global idempotency
    // by event_id lives in its own (append-only) table.
    await q.query(`
      CREATE TABLE audit_event_ids (
        event_id uuid PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_events (
        event_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        ip text,
        user_agent text,
        before_state jsonb,
        after_state jsonb,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        leaf_index bigint NOT NULL,
        PRIMARY KEY (event_id, occurred_at)
      ) PARTITION BY RANGE (occurred_at)`);
    await q.query(`CREATE INDEX audit_events_tenant_time ON audit_events (tenant_id, occurred_at, event_id)`);
    await q.query(`CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT`);

    await q.query(`
      CREATE TABLE log_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
        source_type text NOT NULL CHECK (source_type IN ('certification_event', 'audit_event')),
        source_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE log_checkpoints (
        size bigint PRIMARY KEY CHECK (size >= 0),
        root bytea NOT NULL CHECK (length(root) = 32),
        signed_note text NOT NULL,
        key_id text NOT NULL REFERENCES signing_keys (kid),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    for (const table of AUDIT_TABLES) await appendOnly(q, table);
    await appendOnly(q, 'audit_events_default');

    // Monthly partitions, created ahead by the service's scheduled job through this definer function
    // (the application role cannot create tables itself).
    await q.query(`
      CREATE FUNCTION runcible_ensure_audit_partitions(start_month date, months integer) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        m date;
        part text;
        created integer := 0;
      BEGIN
        IF months < 1 OR months > 36 THEN RAISE EXCEPTION 'months must be 1..36'; END IF;
        FOR i IN 0 .. months - 1 LOOP
          m := (date_trunc('month', start_month) + make_interval(months => i))::date;
          part := 'audit_events_' || to_char(m, 'YYYY_MM');
          IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
              part, m, (m + interval '1 month')::date);
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT
              EXECUTE FUNCTION runcible_reject_change()', part || '_no_truncate', part);
            EXECUTE format('GRANT SELECT, INSERT ON %I TO ${RUNCIBLE_APP_ROLE}', part);
            created := created + 1;
          END IF;
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(`SELECT runcible_ensure_audit_partitions(date_trunc('month', now())::date, 3)`);

    await q.query(`GRANT USAGE ON SCHEMA public TO ${RUNCIBLE_APP_ROLE}`);
    for (const table of [...AUDIT_TABLES, 'audit_events_default']) {
      await q.query(`GRANT SELECT, INSERT ON ${table} TO ${RUNCIBLE_APP_ROLE}`);
    }
    await q.query(`REVOKE ALL ON FUNCTION runcible_ensure_audit_partitions(date, integer) FROM PUBLIC`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION runcible_ensure_audit_partitions(date, integer) TO ${RUNCIBLE_APP_ROLE}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS runcible_ensure_audit_partitions(date, integer)`);
    for (const table of [...AUDIT_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS runcible_reject_change()`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${RUNCIBLE_APP_ROLE}`);
  }
}

async function appendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION runcible_reject_change()`);
  await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION runcible_reject_change()`);
}
