import { Pool } from 'pg';
import { readScopeCondition } from '@oversing/platform';
import type { ReadScope } from '@oversing/platform';
import { csvRecord } from './csv';

/** The export row as the worker reads it. */
export interface ExportRow {
  id: string;
  tenant_id: string;
  kind: string;
  format: string;
  status: string;
  filters: { status?: string[]; q?: string; program?: string; assignee?: string | null };
  scope: ReadScope;
}

export interface ExportOptions {
  /** rows read per query (keyset paging keeps memory flat whatever the total) */
  batchSize: number;
  /** bytes per stored chunk */
  chunkBytes: number;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { batchSize: 5_000, chunkBytes: 1 << 20 };

const HEADER = [
  'id',
  'title',
  'status',
  'priority',
  'program',
  'assignee',
  'due_date',
  'estimate_minutes',
  'created_at',
  'updated_at',
  'completed_at',
];

interface TaskCsvRow {
  id: string;
  title: string;
  status: string;
  priority: number;
  program: string;
  assignee: string | null;
  due_date: string | null;
  estimate_minutes: number | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

/** The WHERE clause of the export's tasks: tenant, the list's filters, and the requester's read scope. */
function taskConditions(row: ExportRow): { sql: string; params: unknown[] } {
  const params: unknown[] = [row.tenant_id];
  const parts = ['t.tenant_id = $1'];
  const f = row.filters;
  if (f.status?.length) {
    params.push(f.status);
    parts.push(`t.status = ANY($${params.length}::text[])`);
  }
  if (f.q) {
    params.push(f.q);
    parts.push(`t.search @@ plainto_tsquery('simple', $${params.length})`);
  }
  if (f.program) {
    params.push(f.program);
    parts.push(`t.program_id = $${params.length}`);
  }
  if (f.assignee === null) parts.push('t.assignee_id IS NULL');
  else if (f.assignee) {
    params.push(f.assignee);
    parts.push(`t.assignee_id = $${params.length}`);
  }
  const scope = readScopeCondition(row.scope, { program: 't.program_id', task: 't.id' }, params);
  return { sql: parts.join(' AND ') + (scope ? ` ${scope}` : ''), params };
}

/**
 * Writes the CSV of an export of tasks into data_export_chunks, streaming: rows are read in keyset pages of
 * `batchSize` and the file is stored in chunks of `chunkBytes`, so memory stays flat for any number of
 * tasks. Progress (processed_rows of total_rows) is updated after every page. Re-running it (a retried job)
 * starts the file again from nothing.
 */
export async function writeTaskExport(
  pool: Pool,
  row: ExportRow,
  options: ExportOptions = DEFAULT_EXPORT_OPTIONS,
): Promise<{ rows: number; bytes: number }> {
  const where = taskConditions(row);
  const total = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM tasks t WHERE ${where.sql}`, where.params))
      .rows[0].n,
  );
  await pool.query('DELETE FROM data_export_chunks WHERE export_id = $1', [row.id]);
  await pool.query(
    `UPDATE data_exports SET status = 'running', total_rows = $2, processed_rows = 0, started_at = now(),
            error = NULL, updated_at = now() WHERE id = $1`,
    [row.id, total],
  );

  let pending: Buffer[] = [Buffer.from('\uFEFF' + csvRecord(HEADER))]; // BOM: spreadsheets read UTF-8
  let pendingBytes = pending[0].length;
  let seq = 0;
  let bytes = 0;
  let processed = 0;
  const flush = async (all: boolean) => {
    while (pendingBytes >= options.chunkBytes || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending);
      const chunk = joined.subarray(0, Math.min(options.chunkBytes, joined.length));
      const rest = joined.subarray(chunk.length);
      await pool.query('INSERT INTO data_export_chunks (export_id, seq, data) VALUES ($1, $2, $3)', [
        row.id,
        seq++,
        chunk,
      ]);
      bytes += chunk.length;
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  };

  let after: { created_at: Date; id: string } | null = null;
  for (;;) {
    const params = [...where.params];
    let keyset = '';
    if (after) {
      params.push(after.created_at, after.id);
      keyset = `AND (t.created_at, t.id) > ($${params.length - 1}, $${params.length})`;
    }
    params.push(options.batchSize);
    const { rows } = await pool.query<TaskCsvRow>(
      `SELECT t.id, t.title, t.status, t.priority, p.name AS program, u.name AS assignee,
              to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.estimate_minutes,
              t.created_at, t.updated_at, t.completed_at
         FROM tasks t
         JOIN programs p ON p.id = t.program_id
         LEFT JOIN users u ON u.id = t.assignee_id
        WHERE ${where.sql} ${keyset}
        ORDER BY t.created_at, t.id
        LIMIT $${params.length}`,
      params,
    );
    if (!rows.length) break;
    for (const t of rows) {
      const record = Buffer.from(
        csvRecord([
          t.id,
          t.title,
          t.status,
          t.priority,
          t.program,
          t.assignee,
          t.due_date,
          t.estimate_minutes,
          t.created_at.toISOString(),
          t.updated_at.toISOString(),
          t.completed_at?.toISOString() ?? null,
        ]),
      );
      pending.push(record);
      pendingBytes += record.length;
    }
    await flush(false);
    processed += rows.length;
    const last = rows[rows.length - 1];
    after = { created_at: last.created_at, id: last.id };
    await pool.query('UPDATE data_exports SET processed_rows = $2, updated_at = now() WHERE id = $1', [
      row.id,
      processed,
    ]);
    if (rows.length < options.batchSize) break;
  }
  await flush(true);
  return { rows: processed, bytes };
}
