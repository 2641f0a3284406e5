import { hash } from 'node:crypto';
import {
  bytesEqual,
  type CertificationStatus,
  consistencyProofFrom,
  formatStatusMapExtension,
  inclusionProofFrom,
  MerkleTree,
  parseSignedCheckpointUnverified,
  signCheckpoint,
  StatusMap,
  type StatusMapProof,
  statusMapRootOf,
  toBase64,
} from '@oversing/verifier';
import { AppException } from '@oversing/platform';
import { AuditDatabase, Queryable } from '../infrastructure/audit-database';
import { KeyStore } from '../keys/key-store.service';
import { logStatusOf, type CertificationEventKind } from './leaf-data';
import { WitnessClient } from './witness-client';

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

/** A status map proof at a stored checkpoint (libs/verifier status-map.ts). */
export interface StatusProofAt {
  size: number;
  checkpoint: string;
  proof: StatusMapProof;
}

/** node:crypto's one-shot SHA-256: the status map hashes millions of short inputs. */
export const nodeSha256 = (data: Uint8Array): Uint8Array => hash('sha256', data, 'buffer');

interface StatusUpdate {
  index: number;
  certificationId: string;
  status: CertificationStatus;
}

const PAGE = 50_000;

/**
 * The RFC 9162 transparency log over log_leaves. Appends happen inside the caller's transaction, which
 * must hold LOG_APPEND_LOCK, so indexes are gap-free and commit in order. Proofs are answered from an
 * in-memory MerkleTree that catches up from the database before each use (so several replicas agree).
 *
 * Every checkpoint also commits to the status map (certification id → latest status leaf) of the leaves
 * it covers, on a `runcible-status-map/v1` extension line. The map is kept in memory at the size of the
 * latest checkpoint (status proofs are answered there): it advances, under a lock, only when a checkpoint
 * is signed here or found stored by another replica, whose map root is then checked against our own.
 */
export class TransparencyLog {
  private readonly tree = new MerkleTree();
  private syncing?: Promise<void>;
  private readonly map = new StatusMap({ sha256: nodeSha256 });
  /** The log size the map reflects. */
  private mapSize = 0;
  /** Status leaves loaded into the tree but not yet applied to the map, in index order. */
  private pending: StatusUpdate[] = [];
  private mapLock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: AuditDatabase,
    private readonly keys: KeyStore,
    private readonly origin: string,
    private readonly witnesses?: WitnessClient,
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

  /**
   * Signs and stores a checkpoint of the current tree, with the status map root on an extension line, when
   * it grew since the last one (or none exists).
   */
  async checkpoint(): Promise<StoredCheckpoint> {
    const signed = await this.withMap(async () => {
      const size = await this.sync();
      const latest = await this.latestStored();
      if (latest && latest.size >= size) return { checkpoint: latest, inserted: false };
      const mapRoot = this.advanceMap(size);
      const note = await signCheckpoint(
        {
          origin: this.origin,
          size,
          rootHash: this.tree.root(size),
          extensions: [formatStatusMapExtension(mapRoot)],
        },
        this.keys.noteSigner,
      );
      const inserted = await this.db.query(
        `INSERT INTO log_checkpoints (size, root, signed_note, key_id)
         SELECT $1, $2, $3, kid FROM signing_keys WHERE purpose = 'log' ORDER BY created_at DESC LIMIT 1
         ON CONFLICT (size) DO NOTHING RETURNING size`,
        [size, Buffer.from(this.tree.root(size)), note],
      );
      return { checkpoint: { size, note }, inserted: inserted.rows.length > 0 };
    });
    const { size, note } = signed.checkpoint;
    if (signed.inserted && this.witnesses?.configured) await this.witnesses.submit(this, note, size);
    return (await this.latestStored()) ?? signed.checkpoint;
  }

  /**
   * The status map proof of a certification at the latest stored checkpoint (`size`, when given, must be
   * that checkpoint's size: older map states are not kept).
   */
  async statusProof(certificationId: string, size?: number): Promise<StatusProofAt> {
    return this.withMap(async () => {
      const latest = await this.latestStored();
      if (!latest) throw AppException.conflict('The log has no checkpoint yet');
      if (size !== undefined && size !== latest.size) {
        throw AppException.conflict(
          `Status proofs are served at the latest checkpoint, of size ${latest.size}; fetch it and ask again`,
        );
      }
      await this.sync();
      const root = this.advanceMap(latest.size);
      const signed = statusMapRootOf(parseSignedCheckpointUnverified(latest.note).extensions);
      if (signed && !bytesEqual(signed, root)) {
        throw new Error(
          `the status map root of the checkpoint at size ${latest.size} (${toBase64(signed)}) differs from the one recomputed from the leaves (${toBase64(root)})`,
        );
      }
      return {
        size: latest.size,
        checkpoint: await this.withCosignatures(latest),
        proof: this.map.prove(certificationId),
      };
    });
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

  /** The signed note with the witnesses' cosignature lines kept for it (checkpoint_cosignatures). */
  private async withCosignatures(checkpoint: StoredCheckpoint): Promise<string> {
    const { rows } = await this.db.query<{ cosignature: string }>(
      'SELECT cosignature FROM checkpoint_cosignatures WHERE size = $1 ORDER BY witness',
      [checkpoint.size],
    );
    return checkpoint.note + rows.map((r) => r.cosignature).join('');
  }

  /** Runs `work` with the status map to itself (it advances in one direction, one caller at a time). */
  private withMap<T>(work: () => Promise<T>): Promise<T> {
    const run = this.mapLock.then(work, work);
    this.mapLock = run.catch(() => undefined);
    return run;
  }

  /** Applies the status leaves below `size` (loaded by sync) to the map; returns its root. */
  private advanceMap(size: number): Uint8Array {
    if (size < this.mapSize) throw new Error(`the status map is at size ${this.mapSize}, past ${size}`);
    if (size > this.tree.size) throw new Error(`the log has ${this.tree.size} leaves, not ${size}`);
    let applied = 0;
    for (const update of this.pending) {
      if (update.index >= size) break;
      this.map.set(update.certificationId, update.index, this.tree.leafHash(update.index), update.status);
      applied++;
    }
    this.pending = this.pending.slice(applied);
    this.mapSize = size;
    return this.map.root();
  }

  private async load(): Promise<void> {
    for (;;) {
      const { rows } = await this.db.query<{
        leaf_index: string;
        leaf_hash: Buffer;
        certification_id: string | null;
        kind: Exclude<CertificationEventKind, 'viewed'> | null;
      }>(
        `SELECT l.leaf_index, l.leaf_hash, e.certification_id, e.kind FROM log_leaves l
         LEFT JOIN certification_events e ON l.source_type = 'certification_event' AND e.id = l.source_id
         WHERE l.leaf_index >= $1 ORDER BY l.leaf_index LIMIT $2`,
        [this.tree.size, PAGE],
      );
      for (const row of rows) {
        if (Number(row.leaf_index) !== this.tree.size) return; // not yet visible: stop at the gap
        if (row.certification_id && row.kind) {
          this.pending.push({
            index: this.tree.size,
            certificationId: row.certification_id,
            status: logStatusOf(row.kind),
          });
        }
        this.tree.append(new Uint8Array(row.leaf_hash));
      }
      if (rows.length < PAGE) return;
    }
  }
}
