import { createHmac } from 'node:crypto';
import type { Pool } from 'pg';
import { type KeyEncryption, OutboundFetch, outboundFailure } from '@oversing/platform';

/** Associated data of an encrypted signing secret (the API's webhookSecretAad). */
const secretAad = (subscriptionId: string): string => `webhook-secret:${subscriptionId}`;

export interface WebhookDispatcherOptions {
  batchSize: number;
  maxAttempts: number;
  /** First retry delay; doubles with every failed attempt, capped at maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs?: number;
  timeoutMs: number;
}

interface ClaimedDelivery {
  id: string;
  subscription_id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret_encrypted: string;
}

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface BatchResult {
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">`, the X-Oversing-Signature header value. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Sends pending webhook deliveries. A batch of due rows is claimed with FOR UPDATE SKIP LOCKED in a
 * short transaction that counts the attempt and leases the rows (next_attempt_at moves past the
 * timeout), so several workers never send the same row at once and a worker that dies mid-request
 * leaves its rows to be retried once the lease ends. Each row is then POSTed, signed, and its outcome
 * recorded: delivered on 2xx; otherwise retried with exponential backoff until maxAttempts, then dead.
 * Delivery is at least once: receivers deduplicate by X-Oversing-Delivery.
 */
export class WebhookDispatcher {
  private readonly maxBackoffMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly keys: KeyEncryption,
    private readonly options: WebhookDispatcherOptions,
    /** Refuses non-public addresses at connect time and never follows redirects (SSRF). */
    private readonly outbound: OutboundFetch = new OutboundFetch(),
  ) {
    this.maxBackoffMs = options.maxBackoffMs ?? 6 * 3600_000;
  }

  backoffAfter(attempts: number): number {
    return Math.min(this.maxBackoffMs, this.options.backoffMs * 2 ** Math.max(0, attempts - 1));
  }

  async dispatchBatch(): Promise<BatchResult> {
    const claimed = await this.claim();
    const result: BatchResult = { attempted: claimed.length, delivered: 0, failed: 0, dead: 0 };
    await Promise.all(
      claimed.map(async (delivery) => {
        const attempt = await this.send(delivery);
        const outcome = await this.record(delivery, attempt);
        result[outcome] += 1;
      }),
    );
    return result;
  }

  /** Sends batches until nothing is due or maxBatches were sent. */
  async drain(maxBatches = 20): Promise<BatchResult> {
    const total: BatchResult = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const batch = await this.dispatchBatch();
      for (const key of Object.keys(total) as (keyof BatchResult)[]) total[key] += batch[key];
      if (batch.attempted < this.options.batchSize) break;
    }
    return total;
  }

  pending(): Promise<number> {
    return this.pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`)
      .then((r) => Number(r.rows[0].n));
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ClaimedDelivery>(
        `SELECT d.id, d.subscription_id, d.event_type, d.body, d.attempts, s.url, s.secret_encrypted
           FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.active
          ORDER BY d.next_attempt_at, d.created_at
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length) {
        const leaseMs = this.options.timeoutMs + 30_000;
        await client.query(
          `UPDATE webhook_deliveries
              SET attempts = attempts + 1, last_attempt_at = now(),
                  next_attempt_at = now() + ($2::int * interval '1 millisecond')
            WHERE id = ANY($1::uuid[])`,
          [rows.map((r) => r.id), leaseMs],
        );
      }
      await client.query('COMMIT');
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let secret: string;
    try {
      secret = (
        await this.keys.decrypt(delivery.secret_encrypted, secretAad(delivery.subscription_id))
      ).toString();
    } catch {
      return {
        ok: false,
        status: null,
        error: 'the signing secret cannot be decrypted',
        durationMs: elapsed(),
      };
    }
    try {
      const response = await this.outbound.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Oversing-Webhooks/1.0',
          'x-oversing-event': delivery.event_type,
          'x-oversing-delivery': delivery.id,
          'x-oversing-signature': signatureHeader(secret, delivery.body, Math.floor(Date.now() / 1000)),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        status: response.status,
        error: ok ? null : `the endpoint answered ${response.status}`,
        durationMs: elapsed(),
      };
    } catch (error) {
      const message =
        (error as Error).name === 'TimeoutError'
          ? `no response within ${this.options.timeoutMs} ms`
          : outboundFailure(error);
      return { ok: false, status: null, error: message.slice(0, 500), durationMs: elapsed() };
    }
  }

  /** Records an attempt's outcome unless another worker took the row over after the lease ended. */
  private async record(
    delivery: ClaimedDelivery,
    attempt: AttemptResult,
  ): Promise<'delivered' | 'failed' | 'dead'> {
    const outcome = attempt.ok
      ? 'delivered'
      : delivery.attempts >= this.options.maxAttempts
        ? 'dead'
        : 'failed';
    const retryInMs = outcome === 'failed' ? this.backoffAfter(delivery.attempts) : 0;
    await this.pool.query(
      `UPDATE webhook_deliveries
          SET status = $3::varchar,
              delivered_at = CASE WHEN $3::varchar = 'delivered' THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN $3::varchar = 'pending' THEN now() + ($4::int * interval '1 millisecond')
                                     ELSE next_attempt_at END,
              last_response_code = $5::int, last_error = $6::text, last_duration_ms = $7::int
        WHERE id = $1::uuid AND attempts = $2::int AND status = 'pending'`,
      [
        delivery.id,
        delivery.attempts,
        outcome === 'failed' ? 'pending' : outcome,
        retryInMs,
        attempt.status,
        attempt.error,
        attempt.durationMs,
      ],
    );
    return outcome;
  }
}
