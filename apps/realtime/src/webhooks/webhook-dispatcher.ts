import { createHash } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { signWebhook } from '@oversing/pusher';
import { instrumentQueues, instrumentWorker, OutboundFetch, QueueName } from '@oversing/platform';
import { RedisClusterState } from '../cluster/redis-cluster-state';
import { AppLookup, RealtimeApp } from '../protocol/realtime-app';
import { RealtimeHooks } from '../protocol/realtime-hooks';

/** One Pusher webhook event (https://pusher.com/docs/channels/server_api/webhooks). */
export interface WebhookEvent {
  name:
    | 'channel_occupied'
    | 'channel_vacated'
    | 'member_added'
    | 'member_removed'
    | 'client_event'
    | 'subscription_count'
    | 'cache_miss';
  channel: string;
  user_id?: string;
  event?: string;
  data?: string;
  socket_id?: string;
  subscription_count?: number;
}

interface WebhookJob {
  appId: string;
  event: WebhookEvent;
}

export interface WebhookOptions {
  /** delay before channel_vacated and member_removed, absorbing reconnects (3 s) */
  delayMs: number;
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  /** Refuses non-public addresses at connect time and never follows redirects (SSRF). */
  outbound: OutboundFetch;
}

/** Events sent when an app lists none: everything but the chatty subscription_count. */
const DEFAULT_EVENTS = new Set([
  'channel_occupied',
  'channel_vacated',
  'member_added',
  'member_removed',
  'client_event',
  'cache_miss',
]);

function jobIdOf(kind: string, ...parts: string[]): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}

/**
 * Webhooks through BullMQ: each event is a job delivered with retries and exponential backoff, signed
 * with `X-Pusher-Key` / `X-Pusher-Signature` (HMAC-SHA256 of the body under the app secret).
 * channel_vacated and member_removed wait `delayMs`; a channel reoccupied (or a member back) within
 * that time cancels the pending job and sends nothing, as Pusher does. Jobs re-check the cluster state
 * in Redis before sending, so several nodes agree.
 */
export class WebhookDispatcher implements RealtimeHooks {
  private readonly queue: Queue<WebhookJob>;
  private worker: Worker<WebhookJob> | undefined;
  private stopQueueMetrics: () => void = () => undefined;

  constructor(
    private readonly connection: Redis,
    private readonly workerConnection: Redis,
    private readonly prefix: string,
    private readonly apps: AppLookup,
    private readonly cluster: RedisClusterState,
    private readonly options: WebhookOptions,
  ) {
    this.queue = new Queue<WebhookJob>(QueueName.RealtimeWebhooks, { connection, prefix });
  }

  start(): void {
    this.worker = new Worker<WebhookJob>(QueueName.RealtimeWebhooks, (job) => this.deliver(job), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: 16,
    });
    this.worker.on('error', () => undefined);
    this.stopQueueMetrics = instrumentQueues([this.queue]);
    instrumentWorker(this.worker);
  }

  async stop(): Promise<void> {
    this.stopQueueMetrics();
    await this.worker?.close();
    await this.queue.close();
  }

  private wants(app: RealtimeApp, name: WebhookEvent['name']): boolean {
    if (!app.webhookUrl) return false;
    return app.webhookEvents.length === 0 ? DEFAULT_EVENTS.has(name) : app.webhookEvents.includes(name);
  }

  private enqueue(app: RealtimeApp, event: WebhookEvent, delay = 0, jobId?: string): void {
    if (!this.wants(app, event.name)) return;
    void this.queue
      .add(
        'webhook',
        { appId: app.id, event },
        {
          delay,
          jobId,
          attempts: this.options.attempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      )
      .catch(() => undefined);
  }

  /** Removes a pending delayed job; true when there was one (the opposite event is then dropped too). */
  private async cancel(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isDelayed())) return false;
    await job.remove().catch(() => undefined);
    return true;
  }

  channelOccupied(app: RealtimeApp, channel: string): void {
    if (!app.webhookUrl) return;
    void this.cancel(jobIdOf('vacated', app.id, channel))
      .then((cancelled) => cancelled || this.enqueue(app, { name: 'channel_occupied', channel }))
      .catch(() => undefined);
  }

  channelVacated(app: RealtimeApp, channel: string): void {
    this.enqueue(
      app,
      { name: 'channel_vacated', channel },
      this.options.delayMs,
      jobIdOf('vacated', app.id, channel),
    );
  }

  memberAdded(app: RealtimeApp, channel: string, userId: string): void {
    if (!app.webhookUrl) return;
    void this.cancel(jobIdOf('removed', app.id, channel, userId))
      .then((cancelled) => cancelled || this.enqueue(app, { name: 'member_added', channel, user_id: userId }))
      .catch(() => undefined);
  }

  memberRemoved(app: RealtimeApp, channel: string, userId: string): void {
    this.enqueue(
      app,
      { name: 'member_removed', channel, user_id: userId },
      this.options.delayMs,
      jobIdOf('removed', app.id, channel, userId),
    );
  }

  clientEvent(
    app: RealtimeApp,
    channel: string,
    event: string,
    data: string,
    socketId: string,
    userId?: string,
  ): void {
    this.enqueue(app, {
      name: 'client_event',
      channel,
      event,
      data,
      socket_id: socketId,
      ...(userId ? { user_id: userId } : {}),
    });
  }

  subscriptionCount(app: RealtimeApp, channel: string, count: number): void {
    this.enqueue(app, { name: 'subscription_count', channel, subscription_count: count });
  }

  cacheMiss(app: RealtimeApp, channel: string): void {
    this.enqueue(app, { name: 'cache_miss', channel });
  }

  /** Sends one webhook; throws on failure so BullMQ retries with backoff. */
  private async deliver(job: Job<WebhookJob>): Promise<void> {
    const { appId, event } = job.data;
    const app = await this.apps.byId(appId);
    if (!app?.webhookUrl) return;
    if (event.name === 'channel_vacated' && (await this.cluster.subscriptionCount(app.id, event.channel)) > 0)
      return;
    if (
      event.name === 'member_removed' &&
      (await this.cluster.presenceMembers(app.id, event.channel)).has(event.user_id!)
    ) {
      return;
    }
    const body = JSON.stringify({ time_ms: Date.now(), events: [event] });
    const response = await this.options.outbound.fetch(app.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-pusher-key': app.key,
        'x-pusher-signature': signWebhook(app.secret, body),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`webhook ${event.name} answered ${response.status}`);
  }
}
