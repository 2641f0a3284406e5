import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from './database-bootstrap';
import { findDrift } from './check-migration-drift';

const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const url = `${server}/oversing_drift_spec_${Date.now().toString(36)}_${process.pid}`;
let db: Client;

beforeAll(async () => {
  await ensureDatabase(url);
  db = new Client({ connectionString: url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  const admin = new Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
});

describe('the migration drift check', () => {
  it('passes on the committed migrations and names each kind of drift a schema change can introduce', async () => {
    expect(await findDrift(url)).toEqual([]);
    // what a migration written without its entity (or an entity changed without a migration) looks like
    await db.query(`ALTER TABLE tasks DROP COLUMN due_date`);
    await db.query(`ALTER TABLE programs ALTER COLUMN description DROP NOT NULL`);
    await db.query(`ALTER TABLE users ADD COLUMN nickname text NOT NULL`);
    await db.query(`ALTER TABLE programs ALTER COLUMN created_at TYPE text`);
    const problems = await findDrift(url);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tasks\.due_date .*column does not exist/),
        expect.stringMatching(/^programs\.description .*the column allows null, the entity does not/),
        expect.stringMatching(/^users\.nickname: NOT NULL without a default and not mapped/),
        expect.stringMatching(/^programs\.created_at .*the entity maps a date, the column is text/),
      ]),
    );
    expect(problems).toHaveLength(4);
  }, 60_000); // migrates a fresh database twice
});
