import { formatAddCheckpoint, parseSignedNote } from '@oversing/verifier';
import { Queryable } from '../infrastructure/audit-database';

/** What the witness client needs of the log: consistency proofs between sizes. */
export interface ConsistencySource {
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
}

export interface WitnessOutcome {
  url: string;
  ok: boolean;
  detail: string;
}

/**
 * Asks each configured witness (WITNESS_URLS, c2sp.org/tlog-witness submission prefixes) to cosign a new
 * checkpoint, with a consistency proof from the last checkpoint that witness cosigned, and keeps the
 * cosignature lines it returns in checkpoint_cosignatures. A witness that answers 409 states its own
 * size: the request is retried once from there. A witness that is down never blocks the log; the next
 * checkpoint tries again.
 */
export class WitnessClient {
  constructor(
    private readonly db: Queryable,
    private readonly urls: string[],
    private readonly timeoutMs = 5000,
  ) {}

  get configured(): boolean {
    return this.urls.length > 0;
  }

  async submit(log: ConsistencySource, checkpoint: string, size: number): Promise<WitnessOutcome[]> {
    return Promise.all(this.urls.map((url) => this.submitTo(url, log, checkpoint, size)));
  }

  private async submitTo(
    url: string,
    log: ConsistencySource,
    checkpoint: string,
    size: number,
  ): Promise<WitnessOutcome> {
    try {
      let oldSize = await this.lastCosignedSize(url);
      for (let attempt = 0; attempt < 2; attempt++) {
        if (oldSize > size) return { url, ok: false, detail: `the witness has a larger size ${oldSize}` };
        const proof = oldSize === 0 || oldSize === size ? [] : await log.consistencyProof(oldSize, size);
        const response = await fetch(`${url.replace(/\/$/, '')}/add-checkpoint`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: formatAddCheckpoint({ oldSize, proof, checkpoint }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        if (response.status === 409 && /^\d+\n$/.test(text)) {
          oldSize = Number(text.trim());
          continue;
        }
        if (!response.ok) return { url, ok: false, detail: `HTTP ${response.status}: ${text.slice(0, 200)}` };
        const lines = parseSignedNote(`${parseSignedNote(checkpoint).text}\n${text}`).signatures;
        for (const line of lines) {
          const cosignature = text.split('\n').find((l) => l.startsWith(`\u2014 ${line.name} `));
          await this.db.query(
            `INSERT INTO checkpoint_cosignatures (size, witness, cosignature) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [size, `${url}|${line.name}`, `${cosignature}\n`],
          );
        }
        return { url, ok: true, detail: `cosigned size ${size}` };
      }
      return { url, ok: false, detail: 'the witness kept answering 409' };
    } catch (e) {
      return { url, ok: false, detail: (e as Error).message };
    }
  }

  private async lastCosignedSize(url: string): Promise<number> {
    const { rows } = await this.db.query<{ size: string | null }>(
      `SELECT max(size) AS size FROM checkpoint_cosignatures WHERE split_part(witness, '|', 1) = $1`,
      [url],
    );
    return Number(rows[0]?.size ?? 0);
  }
}
