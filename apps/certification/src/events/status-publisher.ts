import { Logger } from '@nestjs/common';
import { signHttpRequest } from '@oversing/pusher';

export interface RealtimeTarget {
  /** Base URL of a Pusher-protocol HTTP API (apps/realtime), e.g. http://127.0.0.1:6001 */
  url: string;
  appId: string;
  key: string;
  secret: string;
}

export interface StatusChange {
  id: string;
  number: string;
  status: string;
  at: string;
}

export const CERTIFICATION_STATUS_EVENT = 'certification.status_changed';

/** The private channel of one certification (`private-` because subscribing needs authorization). */
export const certificationChannel = (id: string): string => `private-certification.${id}`;

/**
 * Publishes certification status changes through the Pusher HTTP API after they are committed. A
 * publication never fails or delays the operation that caused it: errors (and a 2-second timeout) are
 * logged and dropped. Without a configured target (REALTIME_* unset) nothing is published.
 */
export class StatusPublisher {
  private readonly logger = new Logger('StatusPublisher');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly target: RealtimeTarget | undefined) {}

  get enabled(): boolean {
    return this.target !== undefined;
  }

  /** Fire and forget. */
  statusChanged(change: StatusChange): void {
    if (!this.target) return;
    const sending = this.send(this.target, change).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Waits for the publications under way (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async send(target: RealtimeTarget, change: StatusChange): Promise<void> {
    const path = `/apps/${target.appId}/events`;
    const body = JSON.stringify({
      name: CERTIFICATION_STATUS_EVENT,
      channels: [certificationChannel(change.id)],
      data: JSON.stringify(change),
    });
    const params = signHttpRequest({ key: target.key, secret: target.secret, method: 'POST', path, body });
    try {
      const response = await fetch(`${target.url.replace(/\/$/, '')}${path}?${new URLSearchParams(params)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) {
        this.logger.warn(
          `publishing ${CERTIFICATION_STATUS_EVENT} for ${change.id} failed: HTTP ${response.status}`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `publishing ${CERTIFICATION_STATUS_EVENT} for ${change.id} failed: ${(error as Error).message}`,
      );
    }
  }
}
