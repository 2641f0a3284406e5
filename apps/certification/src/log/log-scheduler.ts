import { Logger } from '@nestjs/common';
import { AuditDatabase } from '../infrastructure/audit-database';
import { CertificationsService } from '../certifications/certifications.service';
import { KeyStore } from '../keys/key-store.service';
import { TransparencyLog } from './transparency-log.service';

/**
 * Scheduled work of the service. The shared work (a signed checkpoint at least every interval while the
 * log grows, `expired` events for certificates past expiry, monthly audit_events partitions three months
 * ahead, pruning stored Idempotency-Key responses past their retention) runs as BullMQ jobs of the `certification-maintenance` queue (CertificationMaintenanceProcessor),
 * so one replica does each run; picking up a key rotation done by the CLI is per process, so it stays on
 * a local timer here.
 */
export class LogScheduler {
  private readonly logger = new Logger('LogScheduler');
  private timer?: NodeJS.Timeout;
  private reloading = false;

  constructor(
    private readonly db: AuditDatabase,
    private readonly log: TransparencyLog,
    private readonly certifications: CertificationsService,
    private readonly keys: KeyStore,
    private readonly intervalSeconds: number,
  ) {}

  /** Starts this process's key reload timer. */
  start(): void {
    this.timer = setInterval(() => void this.reloadKeys(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Appends `expired` events that are due, then signs a checkpoint if the log grew; throws on failure. */
  async checkpoint(): Promise<{ expired: number; size: number }> {
    const expired = await this.certifications.appendExpiries();
    const checkpoint = await this.log.checkpoint();
    return { expired, size: checkpoint.size };
  }

  /** Creates the audit_events partitions of this month and the next three (idempotent); throws on failure. */
  async ensurePartitions(): Promise<void> {
    await this.db.query(`SELECT runcible_ensure_audit_partitions(date_trunc('month', now())::date, 3)`);
  }

  /** Deletes stored Idempotency-Key responses past their retention (24 h); returns how many. */
  async pruneIdempotencyKeys(): Promise<number> {
    // a definer function: the service's role may not DELETE in the audit database
    const { rows } = await this.db.query<{ pruned: number }>(
      'SELECT runcible_prune_idempotency_keys() AS pruned',
    );
    return rows[0]?.pruned ?? 0;
  }

  private async reloadKeys(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      await this.keys.reload();
    } catch (error) {
      this.logger.error(`reloading the signing keys failed: ${(error as Error).message}`);
    } finally {
      this.reloading = false;
    }
  }
}
