import { Inject, Injectable, Logger } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { DomainEventBus } from '../events/domain-event-bus';
import { CERTIFICATION_CLIENT } from '../workflows/certification-client';
import type { CertificationFeedSource } from '../workflows/certification-client';
import { ApplyCertificationStatusUseCase } from './apply-certification-status.use-case';
import { FeedCursorStore } from './certification-projection.repository';

export const CERTIFICATION_FEED_CURSOR = 'certification-status';
const PAGE = 200;

export interface PullResult {
  /** events read from the feed */
  read: number;
  /** events that changed something (the rest were replays) */
  applied: number;
  /** the cursor after the pull */
  position: number;
}

/**
 * Consumes the certification service's status feed. The feed (the service's append-only log of status
 * events) is the outbox; the cursor here is the only state, advanced in the same transaction as what the
 * events changed, so a crash or an unreachable service replays from the last committed position and
 * nothing is lost or applied twice. The feed is read before the transaction (no network call while rows
 * are locked); if another replica moved the cursor meanwhile, this page is dropped and read again.
 */
@Injectable()
export class CertificationFeedConsumer {
  private readonly logger = new Logger(CertificationFeedConsumer.name);
  private pulling?: Promise<PullResult>;
  private following?: Promise<PullResult>;

  constructor(
    @Inject(CERTIFICATION_CLIENT) private readonly feed: CertificationFeedSource,
    private readonly cursors: FeedCursorStore,
    private readonly bus: DomainEventBus,
    private readonly apply: ApplyCertificationStatusUseCase,
  ) {}

  /**
   * Reads and applies everything new up to now. A call while a pull runs waits for one that starts
   * after it (the running one may have read the feed before the caller's change), shared by every
   * such call.
   */
  pull(): Promise<PullResult> {
    if (this.pulling) {
      this.following ??= this.pulling
        .catch(() => undefined)
        .then(() => {
          this.following = undefined;
          return this.pull();
        });
      return this.following;
    }
    this.pulling = this.pullAll().finally(() => {
      this.pulling = undefined;
    });
    return this.pulling;
  }

  private async pullAll(): Promise<PullResult> {
    const result: PullResult = { read: 0, applied: 0, position: -1 };
    for (let pages = 0; pages < 50; pages++) {
      const position = await this.cursors.position(CERTIFICATION_FEED_CURSOR);
      result.position = position;
      const events = await this.feed.statusEvents(position, PAGE);
      if (!events.length) break;
      const applied = await this.bus.transaction(async () => {
        if (!(await this.cursors.lockAt(CERTIFICATION_FEED_CURSOR, position))) return null;
        let count = 0;
        for (const event of events)
          if (await runInTenant(event.tenant_id, () => this.apply.execute(event))) count++;
        await this.cursors.advance(CERTIFICATION_FEED_CURSOR, events[events.length - 1].position);
        return count;
      });
      if (applied === null) {
        this.logger.debug('another consumer advanced the certification feed cursor; reading again');
        continue;
      }
      result.read += events.length;
      result.applied += applied;
      result.position = events[events.length - 1].position;
      if (events.length < PAGE) break;
    }
    return result;
  }
}
