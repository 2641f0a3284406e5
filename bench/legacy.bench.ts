import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { connectLegacy, parseLegacyUrl, queryRows } from '../apps/api/src/legacy/mysql-connection';
import { LEGACY_TABLES } from '../apps/api/src/legacy/legacy-schema';
import { migrateAll } from '../tools/migrate';

/**
 * Legacy import: a generated legacy Oversing database (MariaDB) of BENCH_LEGACY_TASKS tasks (100,000 by
 * default, with their users, programs, assignments, dependencies, workflow instances and votes, time cards,
 * work logs, invoices with lines and payments, audit log) imported into a fresh database with
 * `npm run cli -- legacy:import` (mapping table, exact conversions, an audit event per row), then verified
 * with `legacy:verify`, then imported a second time (which changes nothing). The baseline, measured in the
 * same run, moves the same legacy rows from MariaDB into PostgreSQL with the bare minimum: the same keyset
 * reads and one bulk INSERT per chunk into a table without indexes, mapping or audit.
 *
 * `BENCH_LEGACY_URL=mysql://root@127.0.0.1:3306/oversing_legacy` imports an existing legacy database
 * instead (not dropped); `BENCH_LEGACY_PARALLEL=1` runs the import one step at a time. Every figure comes
 * with the load average: on the 2-core development machine anything above 2 means shared cores.
 */
const MARIADB = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TASKS = Number(process.env.BENCH_LEGACY_TASKS ?? 100_000);
/** an already generated legacy database to import instead of generating one (kept afterwards) */
const LEGACY_URL = process.env.BENCH_LEGACY_URL;
/** `--parallel` of the import (steps at once); the command's default when unset */
const PARALLEL = process.env.BENCH_LEGACY_PARALLEL;
const CHUNK = 5000;

/** The load average over the last minute, to print with every figure (a busy machine's are not comparable). */
function load(): string {
  return loadavg()[0].toFixed(2);
}

function runCli(args: string[], env: Record<string, string>): Promise<{ ms: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['dist/tools/cli.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve({ ms: performance.now() - started, out })
        : reject(new Error(`cli ${args[0]} exited ${code}: ${out.slice(-500)}`)),
    );
  });
}

/** The baseline: every legacy row, read in the same chunks, bulk-inserted as JSON into a bare table. */
async function bareCopy(legacyUrl: string, databaseUrl: string): Promise<{ ms: number; rows: number }> {
  const legacy = await connectLegacy(parseLegacyUrl(legacyUrl));
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  await pg.query(
    'CREATE TABLE bench_legacy_rows (source text NOT NULL, legacy_id bigint NOT NULL, row jsonb NOT NULL)',
  );
  const started = performance.now();
  let rows = 0;
  try {
    for (const table of LEGACY_TABLES) {
      let after = '0';
      for (;;) {
        const chunk = await queryRows<{ id: string }>(
          legacy,
          `SELECT * FROM \`${table}\` WHERE id > ? ORDER BY id LIMIT ?`,
          [after, CHUNK],
        );
        if (!chunk.length) break;
        after = chunk[chunk.length - 1].id;
        await pg.query(
          `INSERT INTO bench_legacy_rows (source, legacy_id, row)
           SELECT $1, * FROM unnest($2::bigint[], $3::jsonb[])`,
          [table, chunk.map((r) => r.id), chunk.map((r) => JSON.stringify(r))],
        );
        rows += chunk.length;
      }
    }
  } finally {
    await legacy.end();
    await pg.end();
  }
  return { ms: performance.now() - started, rows };
}

/** Rows per legacy table of an existing legacy database. */
async function legacyRowCounts(url: string): Promise<Record<string, number>> {
  const legacy = await connectLegacy(parseLegacyUrl(url));
  try {
    const counts: Record<string, number> = {};
    for (const table of LEGACY_TABLES) {
      const [row] = await queryRows<{ n: string }>(legacy, `SELECT COUNT(*) AS n FROM \`${table}\``);
      counts[table] = Number(row.n);
    }
    return counts;
  } finally {
    await legacy.end();
  }
}

async function main(): Promise<void> {
  const id = Date.now().toString(36);
  const legacyUrl = LEGACY_URL ?? `${MARIADB}/oversing_legacy_bench_${id}`;
  const databaseUrl = `${SERVER}/oversing_bench_legacy_${id}`;
  const baselineUrl = `${SERVER}/oversing_bench_legacy_bare_${id}`;
  const env = { DATABASE_URL: databaseUrl };
  const importArgs = [
    'legacy:import',
    '--from',
    legacyUrl,
    '--tenant',
    'bench',
    ...(PARALLEL ? ['--parallel', PARALLEL] : []),
  ];
  try {
    let generated: { rows: Record<string, number> };
    if (LEGACY_URL) {
      process.stdout.write(`importing the legacy database ${LEGACY_URL} (BENCH_LEGACY_URL)…\n`);
      generated = { rows: await legacyRowCounts(LEGACY_URL) };
    } else {
      process.stdout.write(`generating a legacy database of ${TASKS} tasks (not timed)…\n`);
      generated = JSON.parse(
        (
          await runCli(
            [
              'legacy:generate',
              '--to',
              legacyUrl,
              '--tasks',
              String(TASKS),
              '--email-domain',
              `bench-${id}.test`,
            ],
            env,
          )
        ).out,
      ) as { rows: Record<string, number> };
    }
    const legacyRows = Object.values(generated.rows).reduce((a, b) => a + b, 0);
    await migrateAll({ ...process.env, DATABASE_URL: databaseUrl });
    await migrateAll({ ...process.env, DATABASE_URL: baselineUrl });

    const loadBefore = load();
    const first = await runCli(importArgs, env);
    const loadAfter = load();
    const report = JSON.parse(first.out) as {
      totals: { read: number; imported: number; failed: number };
      duration_ms: number;
    };
    const verify = await runCli(['legacy:verify', '--from', legacyUrl, '--tenant', 'bench'], env);
    const verified = (JSON.parse(verify.out) as { ok: boolean }).ok;
    const second = await runCli(importArgs, env);
    const again = JSON.parse(second.out) as {
      totals: { imported: number; updated: number };
      duration_ms: number;
    };
    const baseline = await bareCopy(legacyUrl, baselineUrl);

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      [
        `legacy rows: ${legacyRows} (${generated.rows.tasks} tasks)`,
        `legacy:import (first run): ${s(report.duration_ms)} in the command (${s(first.ms)} with process start); ` +
          `${report.totals.imported} rows written, ${report.totals.failed} failed, ` +
          `${Math.round(report.totals.read / (report.duration_ms / 1000))} legacy rows/s; ` +
          `load average ${loadBefore} before, ${loadAfter} after (2 cores: above 2, the figure is not a quiet machine's)`,
        `legacy:verify: ${verified ? 'ok' : 'DIFFERENCES'} in ${s(verify.ms)} (with process start)`,
        `legacy:import (second run): ${s(again.duration_ms)}; ${again.totals.imported} imported, ${again.totals.updated} updated`,
        `baseline (bare bulk INSERT of the same ${baseline.rows} rows, no mapping, indexes or audit): ${s(baseline.ms)}; load average ${load()}`,
        `ratio: the import takes ×${(report.duration_ms / baseline.ms).toFixed(2)} the baseline's time; ` +
          `target under 60 s: ${report.duration_ms < 60_000 ? 'met' : 'NOT met'} on this machine`,
        '',
      ].join('\n'),
    );
    if (!verified || report.totals.failed || again.totals.imported || again.totals.updated)
      process.exitCode = 1;
  } finally {
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    for (const url of [databaseUrl, baselineUrl])
      await admin
        .query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`)
        .catch(() => undefined);
    await admin.end();
    if (!LEGACY_URL) {
      const legacy = await connectLegacy(parseLegacyUrl(legacyUrl), false);
      await legacy.query(`DROP DATABASE IF EXISTS \`${parseLegacyUrl(legacyUrl).database}\``);
      await legacy.end();
    }
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
