import { hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '@oversing/platform';
import {
  bytesEqual,
  createCosigner,
  createNoteVerifier,
  type Cosigner,
  NoteError,
  parseAddCheckpoint,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
} from '@oversing/verifier';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { WitnessRepository } from './witness.repository';

/** The outcome of add-checkpoint: cosignature lines, or the witness's size when the old size is stale. */
export type AddCheckpointOutcome = { cosignature: string } | { conflictSize: number };

/**
 * The API process as the log's first witness (c2sp.org/tlog-witness `add-checkpoint`, cosignatures per
 * c2sp.org/tlog-cosignature). For each origin it keeps, in the API's database, the latest checkpoint it
 * cosigned, and cosigns a new one only when a consistency proof shows it extends that one: a log that
 * rewrote or dropped history cannot get a cosignature, and audit:verify holds the audit database to the
 * latest witnessed checkpoint. The check and the update happen in one transaction under a per-origin lock.
 */
@Injectable()
export class WitnessService {
  private cosigner?: Promise<Cosigner>;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly repository: WitnessRepository,
  ) {}

  /** The witness's cosigner verifier key (for trust files). */
  async verifierKey(): Promise<string> {
    return (await this.key()).verifierKey;
  }

  async addCheckpoint(body: string): Promise<AddCheckpointOutcome> {
    let request;
    let origin: string;
    let size: number;
    let root: Uint8Array;
    try {
      request = parseAddCheckpoint(body);
      ({ origin, size, rootHash: root } = parseCheckpoint(parseSignedNote(request.checkpoint).text));
    } catch (e) {
      throw AppException.badRequest(`not an add-checkpoint request: ${(e as Error).message}`);
    }
    if (request.oldSize > size) throw AppException.badRequest('old size is larger than the checkpoint size');
    const logKey = await this.logKeyFor(origin);
    try {
      await verifyCheckpoint(request.checkpoint, await createNoteVerifier(logKey), origin);
    } catch (e) {
      throw AppException.forbidden(
        `the checkpoint is not signed by the log key: ${(e as NoteError).message}`,
      );
    }
    const cosigner = await this.key();
    return this.repository.transaction(async () => {
      const state = await this.repository.lock(origin);
      const latestSize = state?.size ?? 0;
      if (request.oldSize !== latestSize) return { conflictSize: latestSize };
      if (state && request.oldSize === size) {
        if (!bytesEqual(new Uint8Array(state.root), root)) {
          throw AppException.conflict('the checkpoint has the size of the cosigned one but another root');
        }
      } else if (state) {
        if (!verifyConsistency(state.size, size, new Uint8Array(state.root), root, request.proof)) {
          throw AppException.unprocessable(
            'the consistency proof from the cosigned checkpoint does not verify',
          );
        }
      } else if (request.proof.length > 0) {
        throw AppException.unprocessable('the proof must be empty when the old size is 0');
      }
      const note = parseSignedNote(request.checkpoint);
      const cosignature = await cosigner.cosign(note.text, Math.floor(Date.now() / 1000));
      await this.repository.save({
        origin,
        log_key: logKey,
        size,
        root: Buffer.from(root),
        checkpoint: `${request.checkpoint}${cosignature}`,
      });
      return { cosignature };
    });
  }

  /** The latest checkpoint the witness cosigned for an origin, with its cosignature. */
  async latest(origin: string): Promise<string> {
    const state = await this.repository.latest(origin);
    if (!state) throw AppException.notFound('Witnessed checkpoint');
    return state.checkpoint;
  }

  /**
   * The log key trusted for an origin: from WITNESS_LOG_KEYS, else the one pinned with the first cosigned
   * checkpoint, else (trust on first use) the one the certification service publishes in its trust file.
   */
  private async logKeyFor(origin: string): Promise<string> {
    const configured = (this.config.WITNESS_LOG_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (configured.length > 0) {
      const key = configured.find((k) => parseVerifierKey(k).name === origin);
      if (!key) throw AppException.notFound(`Log ${origin}`);
      return key;
    }
    const pinned = await this.repository.latest(origin);
    if (pinned) return pinned.log_key;
    const base = this.config.CERTIFICATION_URL ?? this.config.PUBLIC_CERTIFICATION_URL;
    try {
      const response = await fetch(`${base}/api/v1/trust`, { signal: AbortSignal.timeout(5000) });
      const trust = (await response.json()) as { log?: { origin?: string; verifier_key?: string } };
      if (trust.log?.origin === origin && trust.log.verifier_key) return trust.log.verifier_key;
    } catch {
      /* unknown below */
    }
    throw AppException.notFound(`Log ${origin}`);
  }

  private key(): Promise<Cosigner> {
    this.cosigner ??= createCosigner(
      this.config.WITNESS_NAME,
      this.config.WITNESS_SIGNING_KEY
        ? new Uint8Array(Buffer.from(this.config.WITNESS_SIGNING_KEY, 'base64'))
        : new Uint8Array(
            hkdfSync('sha256', this.config.keyEncryptionKey, 'oversing', 'witness ed25519 seed', 32),
          ),
    );
    return this.cosigner;
  }
}
