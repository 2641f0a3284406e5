import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '@oversing/platform';
import { auditMigrations } from '@oversing/migrations';
import { createNoteSigner, generateNoteKeys, MerkleTree, signCheckpoint } from '@oversing/verifier';

/**
 * Real copies of an audit database, for attack tests: a source database of its own (migrated like
 * production), filled by the real service, then copied with CREATE DATABASE … TEMPLATE for each attack, so
 * every attack starts from the same untouched state and runs as the PostgreSQL superuser.
 */
export class AuditDatabaseCopies {
  readonly source: string;
  private readonly server: string;

  constructor(runAuditDatabaseUrl: string) {
    const url = new URL(runAuditDatabaseUrl);
    this.source = `runcible_attack_${randomUUID().slice(0, 8)}`;
    url.pathname = '';
    this.server = url.toString().replace(/\/$/, '');
  }

  urlOf(name: string): string {
    return `${this.server}/${name}`;
  }

  /** Creates and migrates the source database. */
  async createSource(): Promise<string> {
    await this.admin((db) => db.query(`CREATE DATABASE "${this.source}"`));
    const dataSource = await createDataSource({
      url: this.urlOf(this.source),
      entities: [],
      migrations: auditMigrations,
      migrationsTableName: 'audit_migrations',
      poolSize: 2,
      applicationName: 'runcible-attack-test',
    }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    return this.urlOf(this.source);
  }

  /**
   * Copies the source (no one may be connected to it), lets `attack` run as superuser with triggers off
   * (session_replication_role = replica), then runs `check` against the copy and drops it.
   */
  async withAttackedCopy<T>(
    attack: (db: Client) => Promise<void>,
    check: (url: string) => Promise<T>,
  ): Promise<T> {
    const name = `${this.source}_copy_${randomUUID().slice(0, 6)}`;
    await this.admin((db) => db.query(`CREATE DATABASE "${name}" TEMPLATE "${this.source}"`));
    try {
      const db = new Client({ connectionString: this.urlOf(name) });
      await db.connect();
      try {
        await db.query(`SET session_replication_role = replica`);
        await attack(db);
      } finally {
        await db.end();
      }
      return await check(this.urlOf(name));
    } finally {
      await this.admin((db) => db.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }

  async dropSource(): Promise<void> {
    await this.admin((db) => db.query(`DROP DATABASE IF EXISTS "${this.source}" WITH (FORCE)`));
  }

  private async admin<T>(fn: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: `${this.server}/postgres` });
    await db.connect();
    try {
      return await fn(db);
    } finally {
      await db.end();
    }
  }
}

/**
 * The attacker's re-signing: recomputes the root of every stored checkpoint from the (edited) log_leaves
 * and signs each with a key the attacker made (named like the real log, so only the key differs).
 * Returns the attacker's verifier key.
 */
export async function resignCheckpoints(db: Client, origin: string): Promise<{ verifierKey: string }> {
  const keys = await generateNoteKeys(origin);
  const signer = await createNoteSigner(keys.signerKey);
  const { rows: leaves } = await db.query<{ leaf_hash: Buffer }>(
    'SELECT leaf_hash FROM log_leaves ORDER BY leaf_index',
  );
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(new Uint8Array(leaf.leaf_hash));
  const { rows: checkpoints } = await db.query<{ size: string }>(
    'SELECT size FROM log_checkpoints ORDER BY size',
  );
  for (const { size } of checkpoints) {
    const rootHash = tree.root(Number(size));
    const note = await signCheckpoint({ origin, size: Number(size), rootHash }, signer);
    await db.query('UPDATE log_checkpoints SET root = $2, signed_note = $3 WHERE size = $1', [
      size,
      Buffer.from(rootHash),
      note,
    ]);
  }
  return { verifierKey: keys.verifierKey };
}
