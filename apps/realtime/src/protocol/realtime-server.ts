import {
  channelTypeOf,
  isCacheChannel,
  isEncryptedChannel,
  isPresenceChannel,
  isValidChannelName,
  PusherErrorCode,
  requiresAuth,
  verifyChannelAuth,
  verifyUserAuth,
} from '@oversing/pusher';
import { ClusterMessage, RedisClusterState } from '../cluster/redis-cluster-state';
import { ChannelManager } from './channel-manager';
import { Connection, frame, SocketLike } from './connection';
import { RealtimeMetrics } from './realtime-metrics';
import { AppLookup, isOriginAllowed, RealtimeApp } from './realtime-app';
import { NO_HOOKS, RealtimeHooks } from './realtime-hooks';

export interface RealtimeServerOptions {
  /** seconds of silence after which the client pings (sent in connection_established) */
  activityTimeoutSeconds: number;
  /** seconds to wait for a pong after the server pinged an idle client before closing with 4201 */
  pongTimeoutSeconds: number;
  /** largest accepted client frame in bytes; bigger ones are answered with pusher:error */
  maxMessageBytes: number;
  /** members per presence channel (Pusher: 100) */
  maxPresenceMembers: number;
  /** channels one connection may subscribe to; one more is answered with pusher:error 4300 */
  maxSubscriptionsPerConnection: number;
  /** bytes queued on a socket that has not read them; past it the slow consumer is closed with 4100 */
  maxBufferedBytes: number;
}

export const DEFAULT_SERVER_OPTIONS: RealtimeServerOptions = {
  activityTimeoutSeconds: 120,
  pongTimeoutSeconds: 30,
  maxMessageBytes: 10 * 1024,
  maxPresenceMembers: 100,
  maxSubscriptionsPerConnection: 100,
  maxBufferedBytes: 1024 * 1024,
};

export interface OpenRequest {
  appKey: string;
  origin: string | undefined;
  protocol: string | undefined;
}

interface ClientMessage {
  event?: unknown;
  channel?: unknown;
  data?: unknown;
}

const USER_CHANNEL_PREFIX = '#server-to-user-';
const SUPPORTED_PROTOCOLS = new Set(['5', '6', '7']);

/**
 * The Pusher Channels protocol 7, independent of the transport: a gateway hands it sockets and frames.
 * Every broadcast goes through the Redis bus once; each node delivers it to its own subscribers.
 */
export class RealtimeServer {
  readonly channels = new ChannelManager();
  private readonly connections = new Set<Connection>();
  private readonly perApp = new Map<string, number>();
  private draining = false;

  constructor(
    private readonly apps: AppLookup,
    private readonly cluster: RedisClusterState,
    private readonly metrics: RealtimeMetrics,
    private readonly options: RealtimeServerOptions = DEFAULT_SERVER_OPTIONS,
    private readonly hooks: RealtimeHooks = NO_HOOKS,
  ) {}

  async start(): Promise<void> {
    await this.cluster.start(
      (message) => this.deliver(message),
      (seconds) => this.metrics.redisRoundtrip.observe(seconds),
    );
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Accepts a socket: checks app, protocol, origin and quota, then sends connection_established. */
  async open(request: OpenRequest, socket: SocketLike): Promise<Connection | undefined> {
    const refuse = (code: number, message: string): undefined => {
      socket.send(JSON.stringify({ event: 'pusher:error', data: { code, message } }));
      socket.close(code, message);
      return undefined;
    };
    if (this.draining) return refuse(PusherErrorCode.GENERIC_RECONNECT, 'Server is restarting; reconnect');
    if (!request.protocol) return refuse(PusherErrorCode.NO_PROTOCOL, 'No protocol version supplied');
    if (!SUPPORTED_PROTOCOLS.has(request.protocol)) {
      return refuse(PusherErrorCode.UNSUPPORTED_PROTOCOL, `Protocol ${request.protocol} is not supported`);
    }
    const app = await this.apps.byKey(request.appKey);
    if (!app) return refuse(PusherErrorCode.APP_NOT_FOUND, `Application does not exist`);
    if (!isOriginAllowed(app, request.origin)) {
      return refuse(PusherErrorCode.UNAUTHORIZED, 'Origin not allowed');
    }
    const count = this.perApp.get(app.id) ?? 0;
    if (app.maxConnections !== null && count >= app.maxConnections) {
      return refuse(PusherErrorCode.OVER_CONNECTION_QUOTA, 'Over connection quota');
    }
    const connection = new Connection(app, socket, this.options.maxBufferedBytes);
    this.connections.add(connection);
    this.perApp.set(app.id, count + 1);
    this.metrics.connections.set(this.connections.size);
    connection.send('pusher:connection_established', {
      socket_id: connection.socketId,
      activity_timeout: this.options.activityTimeoutSeconds,
    });
    return connection;
  }

  /** Handles one client frame. Never throws: bad input gets a pusher:error. */
  async message(connection: Connection, raw: string, byteLength = Buffer.byteLength(raw)): Promise<void> {
    if (connection.closed) return;
    connection.touch();
    this.metrics.messagesIn.inc();
    if (byteLength > this.options.maxMessageBytes) {
      return connection.error(
        PusherErrorCode.GENERIC,
        `Message exceeds ${this.options.maxMessageBytes} bytes`,
      );
    }
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
    } catch {
      return connection.error(PusherErrorCode.GENERIC, 'Malformed message: not JSON');
    }
    if (typeof message !== 'object' || message === null || typeof message.event !== 'string') {
      return connection.error(PusherErrorCode.GENERIC, 'Malformed message: an event name is required');
    }
    try {
      await this.dispatch(connection, message.event, message);
    } catch (error) {
      connection.error(
        PusherErrorCode.GENERIC,
        `Could not process ${message.event}: ${(error as Error).message}`,
      );
    }
  }

  private async dispatch(connection: Connection, event: string, message: ClientMessage): Promise<void> {
    const data = decodeData(message.data);
    switch (event) {
      case 'pusher:ping':
        connection.send('pusher:pong', {});
        return;
      case 'pusher:pong':
        return;
      case 'pusher:subscribe':
        return this.subscribe(connection, data);
      case 'pusher:unsubscribe':
        if (typeof data.channel === 'string') await this.unsubscribe(connection, data.channel);
        return;
      case 'pusher:signin':
        return this.signin(connection, data);
      default:
        if (event.startsWith('client-')) return this.clientEvent(connection, event, message);
        connection.error(PusherErrorCode.GENERIC, `Unknown event ${event.slice(0, 64)}`);
    }
  }

  private subscriptionError(connection: Connection, channel: string, status: number, error: string): void {
    connection.send('pusher:subscription_error', { type: 'AuthError', error, status }, channel);
  }

  private async subscribe(connection: Connection, data: Record<string, unknown>): Promise<void> {
    const channel = data.channel;
    if (typeof channel === 'string' && channel.startsWith(USER_CHANNEL_PREFIX)) {
      // pusher-js subscribes to its own server-to-user channel after pusher:signin.
      if (connection.userId !== undefined && channel === `${USER_CHANNEL_PREFIX}${connection.userId}`) {
        return this.sendSubscribed(connection, channel);
      }
      return this.subscriptionError(connection, channel, 403, 'Sign in as this user first');
    }
    if (!isValidChannelName(channel)) {
      return connection.error(PusherErrorCode.GENERIC, 'Invalid channel name');
    }
    const app = connection.app;
    let presence: { userId: string; userInfo: unknown } | undefined;
    if (requiresAuth(channel)) {
      const auth = typeof data.auth === 'string' ? data.auth : '';
      const channelData = typeof data.channel_data === 'string' ? data.channel_data : undefined;
      if (
        !verifyChannelAuth(
          app,
          auth,
          connection.socketId,
          channel,
          isPresenceChannel(channel) ? channelData : undefined,
        )
      ) {
        return this.subscriptionError(connection, channel, 401, 'Invalid signature');
      }
      if (isPresenceChannel(channel)) {
        presence = parseChannelData(channelData);
        if (!presence)
          return this.subscriptionError(connection, channel, 400, 'channel_data needs a user_id');
      }
    }
    if (connection.channels.has(channel)) {
      // Idempotent: a repeated subscribe is answered again, without counting twice.
      return this.sendSubscribed(connection, channel);
    }
    // the user's own server-to-user channel does not count
    const subscribed = [...connection.channels].filter((c) => !c.startsWith(USER_CHANNEL_PREFIX)).length;
    if (subscribed >= this.options.maxSubscriptionsPerConnection) {
      return connection.error(
        PusherErrorCode.GENERIC,
        `Subscription limit of ${this.options.maxSubscriptionsPerConnection} channels per connection reached`,
      );
    }
    if (presence) {
      const members = await this.cluster.presenceCount(app.id, channel);
      if (members >= this.options.maxPresenceMembers) {
        return this.subscriptionError(connection, channel, 403, 'Presence channel is full');
      }
    }
    this.channels.add(connection, channel);
    this.metrics.channels.set(this.channels.size);
    const count = await this.cluster.addSubscriptions(app.id, channel, 1);
    if (count === 1) this.hooks.channelOccupied(app, channel);
    this.hooks.subscriptionCount(app, channel, count);
    if (presence) {
      connection.presence.set(channel, presence);
      const added = await this.cluster.presenceJoin(app.id, channel, presence.userId, presence.userInfo);
      if (added) {
        this.hooks.memberAdded(app, channel, presence.userId);
        await this.publishFrame(
          app.id,
          channel,
          frame(
            'pusher_internal:member_added',
            { user_id: presence.userId, user_info: presence.userInfo },
            channel,
          ),
          connection.socketId,
        );
      }
    }
    if (connection.closed) return this.unsubscribe(connection, channel);
    await this.sendSubscribed(connection, channel);
    if (isCacheChannel(channel)) {
      const cached = await this.cluster.getCached(app.id, channel);
      if (cached) this.sendOut(connection, cached);
      else {
        connection.send('pusher:cache_miss', {}, channel);
        this.hooks.cacheMiss(app, channel);
      }
    }
  }

  private async sendSubscribed(connection: Connection, channel: string): Promise<void> {
    if (!isPresenceChannel(channel)) {
      this.sendOut(connection, frame('pusher_internal:subscription_succeeded', {}, channel));
      return;
    }
    const members = await this.cluster.presenceMembers(connection.app.id, channel);
    const hash = Object.fromEntries(members);
    this.sendOut(
      connection,
      frame(
        'pusher_internal:subscription_succeeded',
        { presence: { ids: [...members.keys()], hash, count: members.size } },
        channel,
      ),
    );
  }

  async unsubscribe(connection: Connection, channel: string): Promise<void> {
    if (!this.channels.remove(connection, channel)) return;
    this.metrics.channels.set(this.channels.size);
    const app = connection.app;
    const count = await this.cluster.addSubscriptions(app.id, channel, -1);
    if (!channel.startsWith(USER_CHANNEL_PREFIX)) {
      if (count <= 0) this.hooks.channelVacated(app, channel);
      this.hooks.subscriptionCount(app, channel, Math.max(0, count));
    }
    const membership = connection.presence.get(channel);
    if (membership) {
      connection.presence.delete(channel);
      if (await this.cluster.presenceLeave(app.id, channel, membership.userId)) {
        this.hooks.memberRemoved(app, channel, membership.userId);
        await this.publishFrame(
          app.id,
          channel,
          frame('pusher_internal:member_removed', { user_id: membership.userId }, channel),
        );
      }
    }
  }

  private async signin(connection: Connection, data: Record<string, unknown>): Promise<void> {
    const auth = typeof data.auth === 'string' ? data.auth : '';
    const userData = typeof data.user_data === 'string' ? data.user_data : '';
    let user: { id?: unknown } | undefined;
    try {
      user = JSON.parse(userData) as { id?: unknown };
    } catch {
      user = undefined;
    }
    const id = user && (typeof user.id === 'string' || typeof user.id === 'number') ? String(user.id) : '';
    if (!id || !verifyUserAuth(connection.app, auth, connection.socketId, userData)) {
      return connection.closeWith(PusherErrorCode.UNAUTHORIZED, 'Invalid sign-in signature');
    }
    connection.userId = id;
    this.channels.add(connection, `${USER_CHANNEL_PREFIX}${id}`);
    connection.send('pusher:signin_success', { user_data: userData });
  }

  private async clientEvent(connection: Connection, event: string, message: ClientMessage): Promise<void> {
    const channel = message.channel;
    const app = connection.app;
    if (typeof channel !== 'string' || !connection.channels.has(channel)) {
      return connection.error(
        PusherErrorCode.GENERIC,
        'Client events need a channel the sender is subscribed to',
      );
    }
    const type = channelTypeOf(channel);
    if (!app.clientEventsEnabled) {
      return connection.error(PusherErrorCode.GENERIC, 'Client events are disabled for this app');
    }
    if (!(
      type === 'private' ||
      type === 'presence' ||
      type === 'private-cache' ||
      type === 'presence-cache'
    )) {
      return connection.error(
        PusherErrorCode.GENERIC,
        isEncryptedChannel(channel)
          ? 'Client events are not allowed on encrypted channels'
          : 'Client events are only allowed on private and presence channels',
      );
    }
    if (!connection.clientEvents.tryTake()) {
      return connection.error(
        PusherErrorCode.CLIENT_EVENT_RATE_LIMIT,
        `Client event rate limit of ${app.maxClientEventsPerSecond}/s exceeded`,
      );
    }
    const payload = typeof message.data === 'string' ? message.data : JSON.stringify(message.data ?? {});
    const membership = connection.presence.get(channel);
    const out = membership
      ? JSON.stringify({ event, channel, data: payload, user_id: membership.userId })
      : JSON.stringify({ event, channel, data: payload });
    await this.publishFrame(app.id, channel, out, connection.socketId);
    this.hooks.clientEvent(app, channel, event, payload, connection.socketId, membership?.userId);
  }

  /** Publishes a server event (HTTP API) on channels; `except` is the socket_id to leave out. */
  async publish(
    app: RealtimeApp,
    channels: string[],
    event: string,
    data: string,
    except?: string,
  ): Promise<void> {
    await Promise.all(
      channels.map(async (channel) => {
        const out = frame(event, data, channel);
        if (isCacheChannel(channel)) await this.cluster.setCached(app.id, channel, out);
        await this.publishFrame(app.id, channel, out, except);
      }),
    );
  }

  async terminateUser(app: RealtimeApp, userId: string): Promise<void> {
    await this.cluster.publish({ t: 'terminate', app: app.id, user: userId });
  }

  private async publishFrame(app: string, channel: string, out: string, except?: string): Promise<void> {
    await this.cluster.publish({ t: 'frame', app, channel, frame: out, ...(except ? { except } : {}) });
  }

  /** Called for every message on the bus (including this node's own). */
  deliver(message: ClusterMessage): void {
    switch (message.t) {
      case 'frame': {
        const subscribers = this.channels.subscribers(message.app, message.channel);
        if (!subscribers) return;
        for (const connection of subscribers) {
          if (connection.socketId !== message.except) this.sendOut(connection, message.frame);
        }
        return;
      }
      case 'terminate': {
        const subscribers = this.channels.subscribers(message.app, `${USER_CHANNEL_PREFIX}${message.user}`);
        for (const connection of [...(subscribers ?? [])]) {
          connection.closeWith(PusherErrorCode.UNAUTHORIZED, 'Connection terminated by the server');
        }
        return;
      }
      case 'apps-changed':
        return;
    }
  }

  private sendOut(connection: Connection, out: string): void {
    if (connection.sendRaw(out)) this.metrics.messagesOut.inc();
  }

  /** The socket closed: leave every channel (member_removed when it was the user's last tab). */
  async closed(connection: Connection): Promise<void> {
    if (!this.connections.delete(connection)) return;
    connection.closed = true;
    this.perApp.set(connection.app.id, Math.max(0, (this.perApp.get(connection.app.id) ?? 1) - 1));
    this.metrics.connections.set(this.connections.size);
    await Promise.all([...connection.channels].map((channel) => this.unsubscribe(connection, channel)));
  }

  /** Pings idle clients and closes those that did not answer in time (4201). Called periodically. */
  sweep(now = Date.now()): void {
    for (const connection of this.connections) {
      if (connection.pingSentAt !== undefined) {
        if (now - connection.pingSentAt > this.options.pongTimeoutSeconds * 1000) {
          connection.closeWith(PusherErrorCode.PONG_NOT_RECEIVED, 'Pong reply not received in time');
        }
      } else if (now - connection.lastActivity > this.options.activityTimeoutSeconds * 1000) {
        connection.pingSentAt = now;
        connection.send('pusher:ping', {});
      }
    }
  }

  /** Graceful shutdown: refuse new sockets, tell every client to reconnect elsewhere (4200), clean up. */
  async drain(): Promise<void> {
    this.draining = true;
    const all = [...this.connections];
    for (const connection of all) {
      connection.closeWith(PusherErrorCode.GENERIC_RECONNECT, 'Server is restarting; reconnect');
    }
    await Promise.all(all.map((connection) => this.closed(connection)));
  }
}

function decodeData(data: unknown): Record<string, unknown> {
  if (typeof data === 'string') {
    try {
      const parsed = JSON.parse(data) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

function parseChannelData(
  channelData: string | undefined,
): { userId: string; userInfo: unknown } | undefined {
  if (!channelData) return undefined;
  try {
    const parsed = JSON.parse(channelData) as { user_id?: unknown; user_info?: unknown };
    const id = parsed.user_id;
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    if (String(id).length === 0 || String(id).length > 128) return undefined;
    return { userId: String(id), userInfo: parsed.user_info ?? null };
  } catch {
    return undefined;
  }
}
