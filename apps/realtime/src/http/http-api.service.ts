import { AppException, ErrorDetail } from '@oversing/platform';
import { isPresenceChannel, isValidChannelName, verifyHttpRequest } from '@oversing/pusher';
import { RedisClusterState } from '../cluster/redis-cluster-state';
import { AppLookup, RealtimeApp } from '../protocol/realtime-app';
import { RealtimeServer } from '../protocol/realtime-server';

export interface SignedRequest {
  appId: string;
  method: string;
  /** the request path without its query string (what the client signed) */
  path: string;
  query: Record<string, string | undefined>;
  rawBody: Buffer | string;
}

export const MAX_CHANNELS_PER_EVENT = 100;
export const MAX_DATA_BYTES = 10 * 1024;
export const MAX_BATCH = 10;

interface EventInput {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
}

/** The Pusher HTTP API: signature check, then publish and query, with the response shapes of Pusher. */
export class HttpApiService {
  constructor(
    private readonly apps: AppLookup,
    private readonly server: RealtimeServer,
    private readonly cluster: RedisClusterState,
  ) {}

  /** Finds the app by auth_key, checks it is the app of the path, and verifies the signature. */
  async authenticate(request: SignedRequest): Promise<RealtimeApp> {
    const key = request.query.auth_key;
    const app = key ? await this.apps.byKey(key) : undefined;
    if (!app) throw AppException.unauthenticated('Unknown auth_key');
    if (app.id !== request.appId) throw AppException.unauthenticated('auth_key does not belong to this app');
    const result = verifyHttpRequest({
      secret: app.secret,
      method: request.method,
      path: request.path,
      params: request.query,
      rawBody: request.rawBody,
    });
    if (!result.ok) {
      throw result.status === 400
        ? AppException.badRequest(result.reason)
        : AppException.unauthenticated(result.reason);
    }
    return app;
  }

  async trigger(app: RealtimeApp, body: unknown): Promise<Record<string, unknown>> {
    const input = parseEvent(body, '');
    await this.server.publish(app, input.channels, input.name, input.data, input.socketId);
    return {};
  }

  async triggerBatch(app: RealtimeApp, body: unknown): Promise<Record<string, unknown>> {
    const batch = (body as { batch?: unknown } | null)?.batch;
    if (!Array.isArray(batch) || batch.length === 0 || batch.length > MAX_BATCH) {
      throw AppException.validation([{ field: 'batch', message: `must hold 1 to ${MAX_BATCH} events` }]);
    }
    const events = batch.map((item, index) => parseEvent(item, `batch[${index}].`));
    for (const event of events) {
      await this.server.publish(app, event.channels, event.name, event.data, event.socketId);
    }
    return { batch: events.map(() => ({})) };
  }

  async channels(
    app: RealtimeApp,
    prefix: string | undefined,
    info: string[],
  ): Promise<Record<string, unknown>> {
    if (info.includes('user_count') && !prefix?.startsWith('presence-')) {
      throw AppException.badRequest('info=user_count needs filter_by_prefix=presence-');
    }
    const counts = await this.cluster.subscriptionCounts(app.id);
    const channels: Record<string, Record<string, number>> = {};
    for (const [name, count] of counts) {
      if (count <= 0 || name.startsWith('#') || (prefix && !name.startsWith(prefix))) continue;
      channels[name] = info.includes('user_count')
        ? { user_count: await this.cluster.presenceCount(app.id, name) }
        : {};
    }
    return { channels };
  }

  async channel(app: RealtimeApp, name: string, info: string[]): Promise<Record<string, unknown>> {
    assertChannelName(name);
    if (info.includes('user_count') && !isPresenceChannel(name)) {
      throw AppException.badRequest('user_count is only available for presence channels');
    }
    const count = await this.cluster.subscriptionCount(app.id, name);
    return {
      occupied: count > 0,
      ...(info.includes('subscription_count') ? { subscription_count: count } : {}),
      ...(info.includes('user_count') ? { user_count: await this.cluster.presenceCount(app.id, name) } : {}),
    };
  }

  async users(app: RealtimeApp, name: string): Promise<Record<string, unknown>> {
    assertChannelName(name);
    if (!isPresenceChannel(name))
      throw AppException.badRequest('Users are only listed for presence channels');
    const members = await this.cluster.presenceMembers(app.id, name);
    return { users: [...members.keys()].map((id) => ({ id })) };
  }

  async terminate(app: RealtimeApp, userId: string): Promise<Record<string, unknown>> {
    if (!userId || userId.length > 128) throw AppException.badRequest('Invalid user id');
    await this.server.terminateUser(app, userId);
    return {};
  }
}

function assertChannelName(name: string): void {
  if (!isValidChannelName(name))
    throw AppException.validation([{ field: 'channel_name', message: 'is not a valid channel name' }]);
}

function parseEvent(body: unknown, prefix: string): EventInput {
  const details: ErrorDetail[] = [];
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const name = value.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    details.push({ field: `${prefix}name`, message: 'must be a string of 1 to 200 characters' });
  }
  const data =
    typeof value.data === 'string'
      ? value.data
      : value.data === undefined
        ? undefined
        : JSON.stringify(value.data);
  if (data === undefined) details.push({ field: `${prefix}data`, message: 'is required' });
  else if (Buffer.byteLength(data) > MAX_DATA_BYTES) {
    details.push({ field: `${prefix}data`, message: `must not exceed ${MAX_DATA_BYTES} bytes` });
  }
  const channels = Array.isArray(value.channels)
    ? value.channels
    : typeof value.channel === 'string'
      ? [value.channel]
      : undefined;
  if (!channels || channels.length === 0 || channels.length > MAX_CHANNELS_PER_EVENT) {
    details.push({
      field: `${prefix}channels`,
      message: `must list 1 to ${MAX_CHANNELS_PER_EVENT} channels`,
    });
  } else if (!channels.every((c) => isValidChannelName(c) || isServerToUserChannel(c))) {
    details.push({ field: `${prefix}channels`, message: 'holds an invalid channel name' });
  }
  const socketId = value.socket_id;
  if (socketId !== undefined && (typeof socketId !== 'string' || !/^\d+\.\d+$/.test(socketId))) {
    details.push({ field: `${prefix}socket_id`, message: 'must look like 1234.5678' });
  }
  if (details.length > 0) throw AppException.validation(details);
  return {
    name: name as string,
    data: data as string,
    channels: channels as string[],
    socketId: socketId as string | undefined,
  };
}

/** `#server-to-user-{user id}`: the channel the server SDKs' sendToUser publishes to (signed-in users). */
function isServerToUserChannel(name: unknown): boolean {
  return typeof name === 'string' && /^#server-to-user-[A-Za-z0-9_\-=@,.;]{1,148}$/.test(name);
}
