import {
  consistencyProofFrom,
  inclusionProofFrom,
  MerkleTree,
  parseSignedCheckpointUnverified,
  signCheckpoint,
  toBase64,
} from '@oversing/verifier';
import { AppException } from '@oversing/platform';
import { AuditDatabase, Queryable } from '../infrastructure/audit-database';
import { KeyStore } from '../keys/key-store.service';

export type LeafSource = 'certification_event' | 'audit_event';

export interface NewLeaf {
  sourceType: LeafSource;
  sourceId: string;
  /** Merkle leaf hash SHA-256(0x00 || leaf data). */
  leafHash: Uint8Array;
}

export interface StoredCheckpoint {
  size: number;
  note: string;
}

const PAGE = 50_000;

/**
 * The RFC 9162 transparency log over log_leaves. Appends happen inside the caller's transaction, which
 * must hold LOG_APPEND_LOCK, so indexes are gap-free and commit in order. Proofs are answered from an
 * in-memory MerkleTree that catches up from the database before each use (so several replicas agree).
 */
export class TransparencyLog {
  private readonly tree = new MerkleTree();
  private syncing?: Promise<void>;

  constructor(
    private readonly db: AuditDatabase,
    private readonly keys: KeyStore,
    private readonly origin: string,
  ) {}

  /** The next leaf index; call under LOG_APPEND_LOCK. */
  async nextIndex(tx: Queryable): Promise<number> {
    const { rows } = await tx.query<{ next: string }>(
      'SELECT coalesce(max(leaf_index) + 1, 0) AS next FROM log_leaves',
    );
    return Number(rows[0].next);
  }

  /** Inserts leaves at start, start+1, …; call under LOG_APPEND_LOCK in the same transaction. */
  async insertLeaves(tx: Queryable, start: number, leaves: NewLeaf[]): Promise<void> {
    if (leaves.length === 0) return;
    await tx.query(
      `INSERT INTO log_leaves (leaf_index, leaf_hash, source_type, source_id)
       SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[], $4::uuid[])`,
      [
        leaves.map((_, i) => start + i),
        leaves.map((l) => Buffer.from(l.leafHash)),
        leaves.map((l) => l.sourceType),
        leaves.map((l) => l.sourceId),
      ],
    );
  }

  /** Catches the in-memory tree up with the committed leaves. */
  async sync(): Promise<number> {
    this.syncing ??= this.load().finally(() => (this.syncing = undefined));
    await this.syncing;
    return this.tree.size;
  }

  /** Signs and stores a checkpoint of the current tree when it grew since the last one (or none exists). */
  async checkpoint(): Promise<StoredCheckpoint> {
    const size = await this.sync();
    const latest = await this.latestStored();
    if (latest && latest.size >= size) return latest;
    const note = await signCheckpoint(
      { origin: this.origin, size, rootHash: this.tree.root(size) },
      this.keys.noteSigner,
    );
    await this.db.query(
      `INSERT INTO log_checkpoints (size, root, signed_note, key_id)
       SELECT $1, $2, $3, kid FROM signing_keys WHERE purpose = 'log' ORDER BY created_at DESC LIMIT 1
       ON CONFLICT (size) DO NOTHING`,
      [size, Buffer.from(this.tree.root(size)), note],
    );
    return (await this.latestStored()) ?? { size, note };
  }

  /** The latest stored checkpoint, creating the first one when there is none. */
  async latest(): Promise<StoredCheckpoint> {
    return (await this.latestStored()) ?? this.checkpoint();
  }

  /** A checkpoint that includes the leaf at `index` (signing a new one when the latest does not). */
  async checkpointCovering(index: number): Promise<StoredCheckpoint> {
    const latest = await this.latestStored();
    if (latest && latest.size > index) return latest;
    return this.checkpoint();
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    const current = await this.sync();
    if (!(size >= 1 && size <= current && index >= 0 && index < size)) {
      throw AppException.badRequest(`index must be in 0..size-1 and size in 1..${current}`);
    }
    return inclusionProofFrom(this.tree, index, size);
  }

  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    const current = await this.sync();
    if (!(from >= 0 && from <= to && to <= current)) {
      throw AppException.badRequest(`from must be in 0..to and to in 0..${current}`);
    }
    return consistencyProofFrom(this.tree, from, to);
  }

  rootAt(size: number): Uint8Array {
    return this.tree.root(size);
  }

  /** Stored checkpoint at exactly `size`, if any. */
  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.db.query<{ size: string; signed_note: string }>(
      'SELECT size, signed_note FROM log_checkpoints WHERE size = $1',
      [size],
    );
    return rows[0] && { size: Number(rows[0].size), note: rows[0].signed_note };
  }

  describe(note: string): { size: number; root: string } {
    const checkpoint = parseSignedCheckpointUnverified(note);
    return { size: checkpoint.size, root: toBase64(checkpoint.rootHash) };
  }

  private async latestStored(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.db.query<{ size: string; signed_note: string }>(
      'SELECT size, signed_note FROM log_checkpoints ORDER BY size DESC LIMIT 1',
    );
    return rows[0] && { size: Number(rows[0].size), note: rows[0].signed_note };
  }

  private async load(): Promise<void> {
    for (;;) {
      const { rows } = await this.db.query<{ leaf_index: string; leaf_hash: Buffer }>(
        'SELECT leaf_index, leaf_hash FROM log_leaves WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2',
        [this.tree.size, PAGE],
      );
      for (const row of rows) {
        if (Number(row.leaf_index) !== this.tree.size) return; // not yet visible: stop at the gap
        this.tree.append(new Uint8Array(row.leaf_hash));
      }
      if (rows.length < PAGE) return;
    }
  }
}
