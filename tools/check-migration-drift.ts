import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createApiDataSource } from '../apps/api/src/infrastructure/api-data-source';
import { ensureDatabase } from './database-bootstrap';

/**
 * Fails when the TypeORM entities and the migrations disagree. Migrations are hand-written SQL (text columns,
 * foreign keys, partial and GIN indexes TypeORM does not model), so this compares what the ORM relies on, on
 * a freshly migrated database: every entity's table and columns exist, a column the entity treats as
 * nullable is nullable (and the reverse), its PostgreSQL type fits the entity's type, and every NOT NULL
 * column without a default is mapped (an insert through the ORM would fail otherwise).
 */
interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_generated: 'ALWAYS' | 'NEVER';
  is_identity: 'YES' | 'NO';
}

type ColumnMetadata = DataSource['entityMetadatas'][number]['columns'][number];

const FAMILIES: Record<string, string[]> = {
  string: [
    'text',
    'character varying',
    'character',
    'uuid',
    'citext',
    'inet',
    'USER-DEFINED',
    'bigint',
    'numeric',
  ],
  number: ['integer', 'smallint', 'bigint', 'numeric', 'real', 'double precision'],
  boolean: ['boolean'],
  date: ['timestamp with time zone', 'timestamp without time zone', 'date'],
  json: ['jsonb', 'json'],
  array: ['ARRAY'],
  bytes: ['bytea'],
};

function familyOf(column: ColumnMetadata): string | undefined {
  if (column.isArray) return 'array';
  const type = typeof column.type === 'function' ? column.type.name : String(column.type);
  switch (type.toLowerCase()) {
    case 'string':
    case 'varchar':
    case 'character varying':
    case 'text':
    case 'uuid':
    case 'char':
    case 'citext':
    case 'inet':
      return 'string';
    case 'number':
    case 'int':
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'numeric':
    case 'decimal':
    case 'float':
    case 'double precision':
      return 'number';
    case 'boolean':
    case 'bool':
      return 'boolean';
    case 'date':
    case 'timestamptz':
    case 'timestamp':
    case 'timestamp with time zone':
      return 'date';
    case 'json':
    case 'jsonb':
    case 'object':
      return 'json';
    case 'bytea':
    case 'buffer':
      return 'bytes';
    default:
      return undefined;
  }
}

export async function findDrift(url: string): Promise<string[]> {
  const dataSource = createApiDataSource(url, 2, 'oversing-drift-check');
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const rows = (await dataSource.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated, is_identity
         FROM information_schema.columns WHERE table_schema = 'public'`,
    )) as DbColumn[];
    const tables = new Map<string, Map<string, DbColumn>>();
    for (const row of rows) {
      if (!tables.has(row.table_name)) tables.set(row.table_name, new Map());
      tables.get(row.table_name)!.set(row.column_name, row);
    }
    const problems: string[] = [];
    for (const entity of dataSource.entityMetadatas) {
      const table = tables.get(entity.tableName);
      if (!table) {
        problems.push(`${entity.name}: table ${entity.tableName} does not exist`);
        continue;
      }
      const mapped = new Set<string>();
      for (const column of entity.columns) {
        const name = column.databaseName;
        mapped.add(name);
        const db = table.get(name);
        const where = `${entity.tableName}.${name} (${entity.name}.${column.propertyName})`;
        if (!db) {
          problems.push(`${where}: column does not exist`);
          continue;
        }
        const family = familyOf(column);
        if (family && !FAMILIES[family]!.includes(db.data_type))
          problems.push(`${where}: the entity maps a ${family}, the column is ${db.data_type}`);
        const dbNullable = db.is_nullable === 'YES';
        if (column.isNullable && !dbNullable)
          problems.push(`${where}: the entity allows null, the column is NOT NULL`);
        if (!column.isNullable && dbNullable && !column.isPrimary)
          problems.push(`${where}: the column allows null, the entity does not (declare nullable: true)`);
      }
      for (const [name, db] of table) {
        const writable = db.is_generated === 'NEVER' && db.is_identity === 'NO';
        if (!mapped.has(name) && writable && db.is_nullable === 'NO' && db.column_default === null)
          problems.push(
            `${entity.tableName}.${name}: NOT NULL without a default and not mapped by ${entity.name}: inserts through the ORM fail`,
          );
      }
    }
    return problems;
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const url = `${server}/oversing_drift_${Date.now().toString(36)}_${process.pid}`;
  await ensureDatabase(url);
  let problems: string[];
  try {
    problems = await findDrift(url);
  } finally {
    const admin = new Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
  if (problems.length) {
    process.stderr.write(
      `The entities and the migrations disagree (${problems.length}): add a migration or fix the entity.\n` +
        problems.map((p) => `  ${p}`).join('\n') +
        '\n',
    );
    process.exit(1);
  }
  process.stdout.write('entities and migrations agree\n');
}

if (require.main === module)
  void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
