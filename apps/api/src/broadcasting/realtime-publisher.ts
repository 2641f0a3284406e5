import { Inject, Injectable, Logger } from '@nestjs/common';
import { signHttpRequest } from '@oversing/pusher';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

/** The Pusher HTTP API accepts at most 100 channels per event. */
const CHANNELS_PER_REQUEST = 100;

/**
 * Publishes events to the realtime server through the Pusher HTTP API, signed with the app secret.
 * Throws when the server refuses or cannot be reached, so the caller (the domain-event relay) retries.
 */
@Injectable()
export class RealtimePublisher {
  private readonly logger = new Logger(RealtimePublisher.name);

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  async publish(channels: string[], eventName: string, data: unknown): Promise<void> {
    if (channels.length === 0) return;
    const payload = typeof data === 'string' ? data : JSON.stringify(data ?? {});
    const path = `/apps/${encodeURIComponent(this.config.REALTIME_APP_ID)}/events`;
    for (let i = 0; i < channels.length; i += CHANNELS_PER_REQUEST) {
      const body = JSON.stringify({
        name: eventName,
        channels: channels.slice(i, i + CHANNELS_PER_REQUEST),
        data: payload,
      });
      const query = signHttpRequest({
        key: this.config.REALTIME_APP_KEY,
        secret: this.config.REALTIME_APP_SECRET,
        method: 'POST',
        path,
        body,
      });
      const url = `${this.config.REALTIME_URL.replace(/\/$/, '')}${path}?${new URLSearchParams(query).toString()}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        this.logger.warn(`realtime refused ${eventName}: ${response.status} ${text.slice(0, 200)}`);
        throw new Error(`The realtime server answered ${response.status} to ${eventName}`);
      }
    }
  }
}
