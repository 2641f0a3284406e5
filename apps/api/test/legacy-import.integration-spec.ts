import { randomUUID } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportLegacyUseCase } from '../src/legacy/import-legacy.use-case';
import type { ImportReport } from '../src/legacy/import-report';
import { generateLegacyDatabase, DEFAULT_GENERATE_OPTIONS } from '../src/legacy/legacy-generator';
import { parseLegacyUrl } from '../src/legacy/mysql-connection';
import { VerifyLegacyUseCase } from '../src/legacy/verify-legacy.use-case';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import { RunningApi, startApi } from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const MARIADB = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const suffix = `${Date.now().toString(36)}_${process.pid}`;
/** this run's own legacy databases in MariaDB, dropped at the end */
const cleanUrl = `${MARIADB}/oversing_legacy_it_${suffix}`;
const brokenUrl = `${MARIADB}/oversing_legacy_broken_${suffix}`;
/** three copies of one generated history (same seed, their own emails), imported in different ways */
const chunkUrls = ['one', 'all', 'refused'].map(
  (name) => `${MARIADB}/oversing_legacy_chunks_${name}_${suffix}`,
);
const domain = `legacy-${suffix.replace(/_/g, '-')}.test`;
const PASSWORD = 'the legacy password';

let api: RunningApi;
let legacy: Connection;
let db: DataSource;

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return db.query(query, params) as Promise<T[]>;
}

function importer(): ImportLegacyUseCase {
  return api.app.get(ImportLegacyUseCase);
}

beforeAll(async () => {
  await generateLegacyDatabase(parseLegacyUrl(cleanUrl), {
    ...DEFAULT_GENERATE_OPTIONS,
    tasks: 150,
    seed: 7,
    password: PASSWORD,
    bcryptCost: 6,
    emailDomain: domain,
  });
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  db = api.app.get(DataSource);
  legacy = await createConnection({ uri: cleanUrl, dateStrings: true, timezone: 'Z' });
  await legacy.query(`SET time_zone = '+00:00'`);
}, 120_000);

afterAll(async () => {
  await legacy?.query(`DROP DATABASE IF EXISTS \`${parseLegacyUrl(cleanUrl).database}\``);
  for (const url of [brokenUrl, ...chunkUrls])
    await legacy?.query(`DROP DATABASE IF EXISTS \`${parseLegacyUrl(url).database}\``);
  await legacy?.end();
  await api?.close();
});

describe('legacy import (real MariaDB → PostgreSQL)', () => {
  const tenant = `legacy-${randomUUID().slice(0, 8)}`;
  let tenantId: string;

  it('imports every entity, exactly, with an audit event per row, and legacy:verify passes', async () => {
    const report = await importer().execute({ from: cleanUrl, tenant, dryRun: false, chunkSize: 100 });
    expect(report.tenant.created).toBe(true);
    tenantId = report.tenant.id;
    expect(report.failures).toEqual([]);
    const [legacyTasks] = await legacy.query<[]>('SELECT COUNT(*) AS n FROM tasks WHERE deleted_at IS NULL');
    expect(report.entities.task.imported).toBe(Number((legacyTasks as unknown as { n: number }[])[0].n));
    for (const entity of [
      'user',
      'program',
      'workflow',
      'task',
      'time_card',
      'work_log',
      'invoice',
      'payment',
    ])
      expect(report.entities[entity].imported, entity).toBeGreaterThan(0);

    const verify = await api.app.get(VerifyLegacyUseCase).execute({ from: cleanUrl, tenant });
    expect(verify.differences).toEqual([]);
    expect(verify.ok).toBe(true);

    // money: every imported invoice total is the legacy DECIMAL in minor units, exactly
    const [legacyInvoices] = await legacy.query('SELECT id, total, currency FROM invoices');
    const imported = await sql<{ legacy_id: string; total_minor: string; currency: string }>(
      `SELECT m.legacy_id::text, i.total_minor::text, i.currency FROM legacy_id_map m JOIN invoices i ON i.id = m.new_id
        WHERE m.tenant_id = $1 AND m.entity = 'invoice'`,
      [tenantId],
    );
    const byId = new Map(imported.map((r) => [r.legacy_id, r]));
    for (const row of legacyInvoices as { id: number; total: string; currency: string }[]) {
      const mine = byId.get(String(row.id))!;
      const digits = row.currency === 'JPY' ? row.total.replace(/\.00$/, '') : row.total.replace('.', '');
      expect(mine.total_minor).toBe(BigInt(digits).toString());
    }

    // time zones: a DATETIME written in Europe/Berlin is the same instant here
    const [[done]] = (await legacy.query(
      `SELECT id, completed_at FROM tasks WHERE completed_at IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1`,
    )) as unknown as [{ id: number; completed_at: string }[]];
    const [task] = await sql<{ completed_at: Date }>(
      `SELECT t.completed_at FROM legacy_id_map m JOIN tasks t ON t.id = m.new_id
        WHERE m.tenant_id = $1 AND m.entity = 'task' AND m.legacy_id = $2`,
      [tenantId, done.id],
    );
    expect(task.completed_at.toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' })).toBe(done.completed_at);

    // audit: one "imported" event per row, through the outbox, naming the legacy row
    const [event] = await sql<{
      action: string;
      metadata: Record<string, unknown>;
      delivered_at: Date | null;
    }>(
      `SELECT a.action, a.metadata, a.delivered_at FROM audit_outbox a
        WHERE a.tenant_id = $1 AND a.entity_type = 'task' AND a.action = 'imported' LIMIT 1`,
      [tenantId],
    );
    expect(event.metadata).toMatchObject({ imported: true, source: 'legacy', legacy_table: 'tasks' });
    expect(event.delivered_at).toBeNull();
    const [counts] = await sql<{ events: string; rows: string }>(
      `SELECT (SELECT count(*) FROM audit_outbox WHERE tenant_id = $1 AND action = 'imported') AS events,
              (SELECT count(*) FROM legacy_id_map WHERE tenant_id = $1 AND entity <> 'audit_log') AS rows`,
      [tenantId],
    );
    expect(counts.events).toBe(counts.rows);
    // the legacy audit log is part of the trail, at its original time
    const [history] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_outbox WHERE tenant_id = $1 AND metadata->>'legacy_table' = 'audit_logs'
          AND occurred_at < now() - interval '1 day'`,
      [tenantId],
    );
    expect(Number(history.n)).toBe(report.entities.audit_log.imported);
    // new invoices continue the legacy numbering
    const [counter] = await sql<{ last_number: number }>(
      `SELECT max(last_number) AS last_number FROM invoice_counters WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(counter.last_number).toBeGreaterThan(0);
  });

  it('changes nothing on a second run', async () => {
    const before = await sql<{ outbox: string; versions: string }>(
      `SELECT (SELECT count(*) FROM audit_outbox WHERE tenant_id = $1) AS outbox,
              (SELECT sum(version) FROM tasks WHERE tenant_id = $1) AS versions`,
      [tenantId],
    );
    const report = await importer().execute({ from: cleanUrl, tenant, dryRun: false });
    expect(report.totals.imported).toBe(0);
    expect(report.totals.updated).toBe(0);
    expect(report.totals.failed).toBe(0);
    expect(report.entities.task.skipped_reasons['unchanged since the last import']).toBeGreaterThan(0);
    const after = await sql(
      `SELECT (SELECT count(*) FROM audit_outbox WHERE tenant_id = $1) AS outbox,
              (SELECT sum(version) FROM tasks WHERE tenant_id = $1) AS versions`,
      [tenantId],
    );
    expect(after).toEqual(before);
  });

  it('picks up a task changed in legacy on an incremental run, and only that', async () => {
    const [[target]] = (await legacy.query(
      'SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1',
    )) as unknown as [{ id: number }[]];
    await legacy.query(
      `UPDATE tasks SET title = 'Changed in legacy', updated_at = UTC_TIMESTAMP() WHERE id = ?`,
      [target.id],
    );
    const report = await importer().execute({ from: cleanUrl, tenant, since: 'last', dryRun: false });
    expect(report.since).not.toBeNull();
    expect(report.totals).toMatchObject({ read: 1, imported: 0, updated: 1, failed: 0 });
    expect(report.entities.task.updated).toBe(1);
    const [task] = await sql<{ id: string; title: string; version: number }>(
      `SELECT t.id, t.title, t.version FROM legacy_id_map m JOIN tasks t ON t.id = m.new_id
        WHERE m.tenant_id = $1 AND m.entity = 'task' AND m.legacy_id = $2`,
      [tenantId, target.id],
    );
    expect(task).toMatchObject({ title: 'Changed in legacy', version: 2 });
    const [event] = await sql<{ after_state: { title: string } }>(
      `SELECT after_state FROM audit_outbox WHERE tenant_id = $1 AND entity_id = $2 AND action = 'updated'`,
      [tenantId, task.id],
    );
    expect(event.after_state.title).toBe('Changed in legacy');
    const verify = await api.app.get(VerifyLegacyUseCase).execute({ from: cleanUrl, tenant });
    expect(verify.ok).toBe(true);
  });

  it('reports, and does not overwrite, a row changed in both systems', async () => {
    const [[target]] = (await legacy.query(
      'SELECT id FROM tasks WHERE deleted_at IS NULL ORDER BY id LIMIT 1',
    )) as unknown as [{ id: number }[]];
    await sql(
      `UPDATE tasks SET title = 'Changed here', version = version + 1
        WHERE id = (SELECT new_id FROM legacy_id_map WHERE tenant_id = $1 AND entity = 'task' AND legacy_id = $2)`,
      [tenantId, target.id],
    );
    await legacy.query(
      `UPDATE tasks SET title = 'Changed there', updated_at = UTC_TIMESTAMP() WHERE id = ?`,
      [target.id],
    );
    const report = await importer().execute({ from: cleanUrl, tenant, since: 'last', dryRun: false });
    expect(report.failures).toEqual([
      expect.objectContaining({
        entity: 'task',
        legacy_id: String(target.id),
        reason: expect.stringMatching(/changed in the new system/),
      }),
    ]);
    const [task] = await sql<{ title: string }>(
      `SELECT t.title FROM legacy_id_map m JOIN tasks t ON t.id = m.new_id
        WHERE m.tenant_id = $1 AND m.entity = 'task' AND m.legacy_id = $2`,
      [tenantId, target.id],
    );
    expect(task.title).toBe('Changed here');
  });

  it('signs a legacy user in with the old password and replaces the bcrypt hash with argon2id', async () => {
    const email = `user3@${domain}`;
    const [before] = await sql<{ password_hash: string; version: number }>(
      `SELECT password_hash, version FROM users WHERE lower(email) = $1`,
      [email],
    );
    expect(before.password_hash).toMatch(/^\$2y\$06\$/);
    await expect(signInWithPkce(api, { email, password: 'wrong password' })).rejects.toThrow(/no code/);
    const tokens = await exchangeCode(await signInWithPkce(api, { email, password: PASSWORD }));
    expect(tokens.access_token).toBeTruthy();
    const [after] = await sql<{ id: string; password_hash: string; version: number }>(
      `SELECT id, password_hash, version FROM users WHERE lower(email) = $1`,
      [email],
    );
    expect(after.password_hash).toMatch(/^\$argon2id\$/);
    expect(after.version).toBe(before.version);
    const [audit] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_outbox WHERE entity_id = $1 AND action = 'password_rehashed'`,
      [after.id],
    );
    expect(audit.n).toBe('1');
    // the same password still works against the new hash
    expect(
      (await exchangeCode(await signInWithPkce(api, { email, password: PASSWORD }))).access_token,
    ).toBeTruthy();
    // a later import does not put the legacy hash back
    const report = await importer().execute({ from: cleanUrl, tenant, dryRun: false });
    expect(report.entities.user.updated).toBe(0);
  });

  it('writes nothing on a dry run', async () => {
    const dryTenant = `${tenant}-dry`;
    await expect(importer().execute({ from: cleanUrl, tenant: dryTenant, dryRun: true })).rejects.toThrow(
      /a dry run creates nothing/,
    );
    const [[row]] = (await legacy.query(`SELECT MAX(id) AS id FROM tasks`)) as unknown as [{ id: number }[]];
    await legacy.query(
      `UPDATE tasks SET priority = 1 + (priority % 5), updated_at = UTC_TIMESTAMP() WHERE id = ?`,
      [row.id],
    );
    const before = await sql(`SELECT count(*) FROM audit_outbox WHERE tenant_id = $1`, [tenantId]);
    const report = await importer().execute({ from: cleanUrl, tenant, dryRun: true });
    expect(report.dry_run).toBe(true);
    // (a dry run does not look for rows changed here since: the earlier conflict counts as an update too)
    expect(report.entities.task.updated).toBeGreaterThanOrEqual(1);
    expect(await sql(`SELECT count(*) FROM audit_outbox WHERE tenant_id = $1`, [tenantId])).toEqual(before);
  });
});

describe('legacy import of broken data', () => {
  it('reports broken references with their legacy ids instead of guessing, and verify fails', async () => {
    await generateLegacyDatabase(parseLegacyUrl(brokenUrl), {
      ...DEFAULT_GENERATE_OPTIONS,
      tasks: 60,
      seed: 11,
      bcryptCost: 4,
      broken: 3,
      emailDomain: `broken-${domain}`,
    });
    const tenant = `broken-${randomUUID().slice(0, 8)}`;
    const report = await importer().execute({ from: brokenUrl, tenant, dryRun: false });
    expect(report.failures).toHaveLength(3);
    expect(report.failures.map((f) => f.entity).sort()).toEqual([
      'task_assignment',
      'task_dependency',
      'work_log',
    ]);
    for (const failure of report.failures)
      expect(failure.reason).toMatch(/does not exist in the legacy instance/);
    const verify = await api.app.get(VerifyLegacyUseCase).execute({ from: brokenUrl, tenant });
    expect(verify.ok).toBe(false);
    expect(verify.differences.map((d) => d.key)).toEqual(
      expect.arrayContaining(['task_assignment', 'work_log']),
    );
  });

  it('refuses a --since that is neither an instant nor "last"', async () => {
    const tenant = `since-${randomUUID().slice(0, 8)}`;
    await expect(
      importer().execute({ from: brokenUrl, tenant, since: 'yesterday', dryRun: false }),
    ).rejects.toThrow(/--since/);
  });
});

describe('legacy import in chunks', () => {
  const tenants = chunkUrls.map((_, i) => `chunks-${i}-${randomUUID().slice(0, 8)}`);
  const refusedTitle = `Refused ${suffix}`;
  const trigger = `legacy_it_refuse_${suffix}`;

  beforeAll(async () => {
    for (const [i, url] of chunkUrls.entries())
      await generateLegacyDatabase(parseLegacyUrl(url), {
        ...DEFAULT_GENERATE_OPTIONS,
        tasks: 40,
        seed: 21,
        bcryptCost: 4,
        emailDomain: `chunks-${i}-${domain}`,
      });
  }, 120_000);

  afterAll(async () => {
    await sql(`DROP TRIGGER IF EXISTS ${trigger} ON tasks`);
    await sql(`DROP FUNCTION IF EXISTS ${trigger}()`);
  });

  function counts(report: ImportReport) {
    return Object.fromEntries(
      Object.entries(report.entities).map(([entity, e]) => [
        entity,
        { read: e.read, imported: e.imported, skipped: e.skipped, failed: e.failed },
      ]),
    );
  }

  it('imports the same whatever the chunk size and however many steps run at once', async () => {
    // one row per chunk (every chunk full: each step ends on an empty read), one step at a time
    const one = await importer().execute({
      from: chunkUrls[0],
      tenant: tenants[0],
      dryRun: false,
      chunkSize: 1,
      parallelSteps: 1,
    });
    // everything in one chunk, every step as soon as it can
    const all = await importer().execute({
      from: chunkUrls[1],
      tenant: tenants[1],
      dryRun: false,
      chunkSize: 50_000,
      parallelSteps: 8,
    });
    expect(one.failures).toEqual([]);
    expect(all.failures).toEqual([]);
    expect(counts(one)).toEqual(counts(all));
    expect(one.totals.imported).toBeGreaterThan(200);
    for (const [i, tenant] of tenants.slice(0, 2).entries()) {
      const verify = await api.app.get(VerifyLegacyUseCase).execute({ from: chunkUrls[i], tenant });
      expect(verify.differences).toEqual([]);
    }
  });

  it('after a chunk the database partly refused, imports the rest; a re-run brings the refused row and what hangs on it, without duplicates', async () => {
    // a live task with work logged on it (the copies share their ids)
    const [task] = await sql<{ legacy_id: string }>(
      `SELECT m.legacy_id::text FROM legacy_id_map m JOIN tenants t ON t.id = m.tenant_id
        WHERE t.slug = $1 AND m.entity = 'task'
          AND EXISTS (SELECT 1 FROM work_logs w WHERE w.task_id = m.new_id)
          AND EXISTS (SELECT 1 FROM workflow_instances wi WHERE wi.task_id = m.new_id)
        ORDER BY m.legacy_id LIMIT 1`,
      [tenants[0]],
    );
    const refused = await createConnection({ uri: chunkUrls[2] });
    await refused.query('UPDATE tasks SET title = ? WHERE id = ?', [refusedTitle, task.legacy_id]);
    await refused.end();
    await sql(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await sql(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON tasks FOR EACH ROW WHEN (NEW.title = '${refusedTitle}')
       EXECUTE FUNCTION ${trigger}()`,
    );
    const first = await importer().execute({
      from: chunkUrls[2],
      tenant: tenants[2],
      dryRun: false,
      chunkSize: 7,
    });
    const tenantId = first.tenant.id;
    expect(first.failures).toContainEqual(
      expect.objectContaining({
        entity: 'task',
        legacy_id: task.legacy_id,
        reason: expect.stringMatching(/rejected by the new database: refused by the test/),
      }),
    );
    // the other tasks of its chunk were written; what refers to it failed naming it
    const [reference] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM legacy_id_map m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 AND m.entity = 'task'`,
      [tenants[0]],
    );
    expect(first.entities.task.imported).toBe(Number(reference.n) - 1);
    const dependents = first.failures.filter((f) => f.entity !== 'task');
    expect(dependents.map((f) => f.entity)).toEqual(
      expect.arrayContaining(['work_log', 'workflow_instance']),
    );
    for (const failure of dependents)
      expect(failure.reason).toMatch(new RegExp(`→ task ${task.legacy_id}, which failed to import`));

    await sql(`DROP TRIGGER ${trigger} ON tasks`);
    const second = await importer().execute({
      from: chunkUrls[2],
      tenant: tenants[2],
      dryRun: false,
      chunkSize: 7,
    });
    expect(second.failures).toEqual([]);
    expect(second.entities.task.imported).toBe(1);
    expect(second.entities.work_log.imported).toBe(
      first.failures.filter((f) => f.entity === 'work_log').length,
    );
    expect(second.totals.updated).toBe(0);
    const [rows] = await sql<{ tasks: string; mapped: string; events: string; map_rows: string }>(
      `SELECT (SELECT count(*) FROM tasks WHERE tenant_id = $1) AS tasks,
              (SELECT count(*) FROM legacy_id_map WHERE tenant_id = $1 AND entity = 'task') AS mapped,
              (SELECT count(*) FROM audit_outbox WHERE tenant_id = $1 AND action = 'imported') AS events,
              (SELECT count(*) FROM legacy_id_map WHERE tenant_id = $1 AND entity <> 'audit_log') AS map_rows`,
      [tenantId],
    );
    expect(rows.tasks).toBe(reference.n);
    expect(rows.mapped).toBe(reference.n);
    expect(rows.events).toBe(rows.map_rows);
    const verify = await api.app.get(VerifyLegacyUseCase).execute({ from: chunkUrls[2], tenant: tenants[2] });
    expect(verify.differences).toEqual([]);

    const third = await importer().execute({ from: chunkUrls[2], tenant: tenants[2], dryRun: false });
    expect(third.totals).toMatchObject({ imported: 0, updated: 0, failed: 0 });
  });
});
