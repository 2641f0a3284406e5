import { Logger } from '@nestjs/common';
import { AuditDatabase } from '../infrastructure/audit-database';
import { CertificationsService } from '../certifications/certifications.service';
import { KeyStore } from '../keys/key-store.service';
import { TransparencyLog } from './transparency-log.service';

/**
 * Scheduled work of the service: a signed checkpoint at least every interval while the log grows,
 * `expired` events for certificates past expiry, monthly audit_events partitions three months ahead,
 * and picking up a key rotation done by the CLI.
 */
export class LogScheduler {
  private readonly logger = new Logger('LogScheduler');
  private timers: NodeJS.Timeout[] = [];
  private running = false;

  constructor(
    private readonly db: AuditDatabase,
    private readonly log: TransparencyLog,
    private readonly certifications: CertificationsService,
    private readonly keys: KeyStore,
    private readonly intervalSeconds: number,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => void this.tick(), this.intervalSeconds * 1000));
    this.timers.push(setInterval(() => void this.ensurePartitions(), 24 * 3600 * 1000));
    void this.ensurePartitions();
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.certifications.appendExpiries();
      await this.log.checkpoint();
      await this.keys.reload();
    } catch (error) {
      this.logger.error(`scheduled log work failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  async ensurePartitions(): Promise<void> {
    try {
      await this.db.query(`SELECT runcible_ensure_audit_partitions(date_trunc('month', now())::date, 3)`);
    } catch (error) {
      this.logger.error(`creating audit_events partitions failed: ${(error as Error).message}`);
    }
  }
}
