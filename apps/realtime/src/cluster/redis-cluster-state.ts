import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** What travels between nodes on the Redis bus. Frames are serialized once by the publishing node. */
export type ClusterMessage =
  | { t: 'frame'; app: string; channel: string; frame: string; except?: string }
  | { t: 'terminate'; app: string; user: string }
  | { t: 'apps-changed' };

interface Envelope {
  node: string;
  sentAt: number;
  message: ClusterMessage;
}

const LEAVE_SCRIPT = `
local c = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if c <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 1
end
return 0`;

const DECREMENT_SCRIPT = `
local c = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if c <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return c`;

/**
 * State shared by every realtime node through Redis: the pub/sub bus (publish once, every node
 * delivers to its local sockets), presence members deduplicated per user across tabs and nodes, and
 * subscription counts per channel. Entries of a node that crashed stay until their channel empties;
 * a graceful shutdown removes them.
 */
export class RedisClusterState {
  readonly nodeId = randomUUID();
  private readonly busChannel: string;
  private handler: ((message: ClusterMessage) => void) | undefined;
  private roundtripObserver: ((seconds: number) => void) | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix = 'rt:',
  ) {
    this.busChannel = `${prefix}bus`;
  }

  async start(
    handler: (message: ClusterMessage) => void,
    onRoundtrip?: (seconds: number) => void,
  ): Promise<void> {
    this.handler = handler;
    this.roundtripObserver = onRoundtrip;
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== this.busChannel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(payload) as Envelope;
      } catch {
        return;
      }
      if (envelope.node === this.nodeId) this.roundtripObserver?.((Date.now() - envelope.sentAt) / 1000);
      this.handler?.(envelope.message);
    });
    // Subscribing before the ready check would put the connection in subscriber mode too early.
    if (this.subscriber.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        this.subscriber.once('ready', () => resolve());
        this.subscriber.once('end', () => reject(new Error('Redis subscriber connection ended')));
      });
    }
    await this.subscriber.subscribe(this.busChannel);
  }

  async publish(message: ClusterMessage): Promise<void> {
    const envelope: Envelope = { node: this.nodeId, sentAt: Date.now(), message };
    await this.redis.publish(this.busChannel, JSON.stringify(envelope));
  }

  private presenceKeys(app: string, channel: string): [string, string] {
    return [
      `${this.prefix}${app}:presence:${channel}:count`,
      `${this.prefix}${app}:presence:${channel}:info`,
    ];
  }

  /** Adds one connection of a user; true when it is the user's first (member_added is due). */
  async presenceJoin(app: string, channel: string, userId: string, userInfo: unknown): Promise<boolean> {
    const [counts, infos] = this.presenceKeys(app, channel);
    const result = await this.redis
      .multi()
      .hincrby(counts, userId, 1)
      .hset(infos, userId, JSON.stringify(userInfo ?? null))
      .exec();
    return Number(result?.[0]?.[1]) === 1;
  }

  /** Removes one connection of a user; true when it was the user's last (member_removed is due). */
  async presenceLeave(app: string, channel: string, userId: string): Promise<boolean> {
    const [counts, infos] = this.presenceKeys(app, channel);
    return Number(await this.redis.eval(LEAVE_SCRIPT, 2, counts, infos, userId)) === 1;
  }

  async presenceMembers(app: string, channel: string): Promise<Map<string, unknown>> {
    const [, infos] = this.presenceKeys(app, channel);
    const raw = await this.redis.hgetall(infos);
    return new Map(Object.entries(raw).map(([id, info]) => [id, JSON.parse(info) as unknown]));
  }

  async presenceCount(app: string, channel: string): Promise<number> {
    return this.redis.hlen(this.presenceKeys(app, channel)[1]);
  }

  /** Changes a channel's cluster-wide subscription count and returns the new count. */
  async addSubscriptions(app: string, channel: string, delta: number): Promise<number> {
    return Number(
      await this.redis.eval(DECREMENT_SCRIPT, 1, `${this.prefix}${app}:subscriptions`, channel, delta),
    );
  }

  async subscriptionCounts(app: string): Promise<Map<string, number>> {
    const raw = await this.redis.hgetall(`${this.prefix}${app}:subscriptions`);
    return new Map(Object.entries(raw).map(([channel, count]) => [channel, Number(count)]));
  }

  async subscriptionCount(app: string, channel: string): Promise<number> {
    return Number((await this.redis.hget(`${this.prefix}${app}:subscriptions`, channel)) ?? 0);
  }

  /** The last event of a cache channel, kept 30 minutes as in Pusher. */
  async setCached(app: string, channel: string, frame: string): Promise<void> {
    await this.redis.set(`${this.prefix}${app}:cache:${channel}`, frame, 'EX', 1800);
  }

  async getCached(app: string, channel: string): Promise<string | null> {
    return this.redis.get(`${this.prefix}${app}:cache:${channel}`);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
