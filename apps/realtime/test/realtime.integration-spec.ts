import { randomUUID } from 'node:crypto';
import type Pusher from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signChannelAuth, signHttpRequest } from '@oversing/pusher';
import {
  collect,
  connected,
  newRealtimeApp,
  nextEvent,
  pusherClient,
  rawClient,
  RunningRealtime,
  signedCall,
  startRealtime,
  TestApp,
} from './support/realtime-harness';

const prefix = `rt-test-${randomUUID().slice(0, 8)}:`;
let node1: RunningRealtime;
let node2: RunningRealtime;
let app: TestApp;
const clients: Pusher[] = [];

function track(pusher: Pusher): Pusher {
  clients.push(pusher);
  return pusher;
}

beforeAll(async () => {
  app = await newRealtimeApp();
  node1 = await startRealtime(prefix);
  node2 = await startRealtime(prefix);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(async () => {
  await node1?.close();
  await node2?.close().catch(() => undefined);
});

describe('public and private channels with pusher-js', () => {
  it('connects, subscribes to a public channel and receives an event published through the HTTP API', async () => {
    const pusher = track(pusherClient(node1, app));
    const socketId = await connected(pusher);
    expect(socketId).toMatch(/^\d+\.\d+$/);
    const channel = pusher.subscribe('orders');
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const received = nextEvent<{ total: number }>(channel, 'order-placed');
    const published = await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'order-placed',
      channels: ['orders'],
      data: JSON.stringify({ total: 42 }),
    });
    expect(published).toEqual({ status: 200, body: {} });
    expect(await received).toEqual({ total: 42 });
  });

  it('delivers an event published on one node to subscribers of another node', async () => {
    const pusher = track(pusherClient(node2, app));
    const channel = pusher.subscribe('cross-node');
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const received = nextEvent(channel, 'hello');
    await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'hello',
      channel: 'cross-node',
      data: '"hi"',
    });
    expect(await received).toBe('hi');
  });

  it('subscribes to a private channel with a valid signature and refuses a bad one with subscription_error', async () => {
    const good = track(pusherClient(node1, app));
    const ok = good.subscribe('private-task.1');
    await nextEvent(ok, 'pusher:subscription_succeeded');

    const bad = track(pusherClient(node1, app, { wrongSecret: true }));
    const refused = bad.subscribe('private-task.1');
    const error = await nextEvent<{ type: string; status: number }>(refused, 'pusher:subscription_error');
    expect(error).toMatchObject({ type: 'AuthError', status: 401 });
    const received = collect(refused, 'secret', 500);
    await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'secret',
      channel: 'private-task.1',
      data: '{}',
    });
    expect(await received).toEqual([]);
  });

  it('excludes the socket_id given to the HTTP API', async () => {
    const a = track(pusherClient(node1, app));
    const b = track(pusherClient(node1, app));
    const socketA = await connected(a);
    const chA = a.subscribe('excluded');
    const chB = b.subscribe('excluded');
    await Promise.all([
      nextEvent(chA, 'pusher:subscription_succeeded'),
      nextEvent(chB, 'pusher:subscription_succeeded'),
    ]);
    const seenA = collect(chA, 'ping-all', 500);
    const seenB = nextEvent(chB, 'ping-all');
    await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'ping-all',
      channels: ['excluded'],
      data: '1',
      socket_id: socketA,
    });
    expect(await seenB).toBe(1);
    expect(await seenA).toEqual([]);
  });
});

describe('presence across two nodes sharing Redis', () => {
  it('lists members cluster-wide and deduplicates member_added/removed per user across tabs', async () => {
    const channelName = `presence-room-${randomUUID().slice(0, 8)}`;
    const alice = track(
      pusherClient(node1, app, { channelData: () => ({ user_id: 'alice', user_info: { name: 'Alice' } }) }),
    );
    const aliceChannel = alice.subscribe(channelName) as any;
    await nextEvent(aliceChannel, 'pusher:subscription_succeeded');

    const addedEvents = collect<{ id: string }>(aliceChannel, 'pusher:member_added', 1200);
    const bob = track(
      pusherClient(node2, app, { channelData: () => ({ user_id: 'bob', user_info: { name: 'Bob' } }) }),
    );
    const bobChannel = bob.subscribe(channelName) as any;
    const members = await nextEvent<{ count: number; members: Record<string, unknown> }>(
      bobChannel,
      'pusher:subscription_succeeded',
    );
    expect(members.count).toBe(2);
    expect(members.members).toEqual({ alice: { name: 'Alice' }, bob: { name: 'Bob' } });

    // A second tab of Bob on the other node: no second member_added.
    const bobTab2 = pusherClient(node1, app, {
      channelData: () => ({ user_id: 'bob', user_info: { name: 'Bob' } }),
    });
    const bobTab2Channel = bobTab2.subscribe(channelName) as any;
    await nextEvent(bobTab2Channel, 'pusher:subscription_succeeded');
    const added = await addedEvents;
    expect(added.map((m) => m.id)).toEqual(['bob']);

    const users = await signedCall(node1, app, 'GET', `/apps/${app.id}/channels/${channelName}/users`);
    expect(users.body.users.map((u: { id: string }) => u.id).sort()).toEqual(['alice', 'bob']);
    const info = await signedCall(node2, app, 'GET', `/apps/${app.id}/channels/${channelName}`, undefined, {
      info: 'user_count,subscription_count',
    });
    expect(info.body).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });

    // Closing one of Bob's tabs removes nobody; closing the last one removes Bob.
    const removed = collect<{ id: string }>(aliceChannel, 'pusher:member_removed', 1500);
    bobTab2.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    bob.disconnect();
    expect((await removed).map((m) => m.id)).toEqual(['bob']);
    expect(aliceChannel.members.count).toBe(1);
  });
});

describe('client events', () => {
  it('relays client events on private channels to other subscribers, never to the sender', async () => {
    const a = track(pusherClient(node1, app));
    const b = track(pusherClient(node2, app));
    const chA = a.subscribe('private-chat');
    const chB = b.subscribe('private-chat');
    await Promise.all([
      nextEvent(chA, 'pusher:subscription_succeeded'),
      nextEvent(chB, 'pusher:subscription_succeeded'),
    ]);
    const echoed = collect(chA, 'client-typing', 600);
    const received = nextEvent(chB, 'client-typing');
    expect(chA.trigger('client-typing', { who: 'a' })).toBe(true);
    expect(await received).toEqual({ who: 'a' });
    expect(await echoed).toEqual([]);
  });

  it('refuses client events on public channels, unsubscribed channels, and above the rate limit (4301)', async () => {
    const limited = await newRealtimeApp({ maxClientEventsPerSecond: 2 });
    const client = rawClient(node1, limited.key);
    const established = await client.next('pusher:connection_established');
    const socketId = established.data.socket_id as string;
    client.send({ event: 'client-x', channel: 'public-room', data: {} });
    expect((await client.next('pusher:error')).data.code).toBe(4300);
    client.send({ event: 'pusher:subscribe', data: { channel: 'public-room' } });
    await client.next('pusher_internal:subscription_succeeded');
    client.send({ event: 'client-x', channel: 'public-room', data: {} });
    expect((await client.next('pusher:error')).data.message).toMatch(/private and presence/);

    client.send({
      event: 'pusher:subscribe',
      data: { channel: 'private-room', auth: signChannelAuth(limited, socketId, 'private-room') },
    });
    await client.next('pusher_internal:subscription_succeeded');
    for (let i = 0; i < 5; i++) client.send({ event: 'client-x', channel: 'private-room', data: { i } });
    const error = await client.next('pusher:error');
    expect(error.data.code).toBe(4301);
    client.ws.close();
  });
});

describe('HTTP API', () => {
  it('checks the Pusher spec vector: right signature but stale timestamp is refused, fresh one accepted', async () => {
    const spec = await newRealtimeApp({
      id: `spec-${randomUUID().slice(0, 6)}`,
      key: `278d425bdf160c739803-${randomUUID().slice(0, 4)}`,
      secret: '7ad3773142a6692b25b8',
    });
    const body = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';
    const path = `/apps/${spec.id}/events`;
    const stale = signHttpRequest({
      key: spec.key,
      secret: spec.secret,
      method: 'POST',
      path,
      body,
      timestamp: 1353088179,
    });
    const response = await fetch(`${node1.url}${path}?${new URLSearchParams(stale).toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.message).toMatch(/timestamp/);

    const fresh = signHttpRequest({ key: spec.key, secret: spec.secret, method: 'POST', path, body });
    const ok = await fetch(`${node1.url}${path}?${new URLSearchParams(fresh).toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(200);
    // The same signature on a body with one more space fails body_md5.
    const tampered = await fetch(`${node1.url}${path}?${new URLSearchParams(fresh).toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `${body} `,
    });
    expect(tampered.status).toBe(401);
  });

  it('refuses a request signed for one app on another app (cross-tenant)', async () => {
    const other = await newRealtimeApp();
    const path = `/apps/${other.id}/events`;
    const body = JSON.stringify({ name: 'x', channels: ['a'], data: '1' });
    const query = signHttpRequest({ key: app.key, secret: app.secret, method: 'POST', path, body });
    const response = await fetch(`${node1.url}${path}?${new URLSearchParams(query).toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.code).toBe('UNAUTHENTICATED');
  });

  it('validates event limits and answers in the error format', async () => {
    const tooMany = await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'x',
      channels: Array.from({ length: 101 }, (_, i) => `c${i}`),
      data: '1',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].field).toBe('channels');
    const tooBig = await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'x',
      channels: ['a'],
      data: 'x'.repeat(10 * 1024 + 1),
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error.details[0].field).toBe('data');
  });

  it('publishes batches, lists occupied channels and terminates a signed-in user', async () => {
    const pusher = track(pusherClient(node2, app));
    const name = `batch-${randomUUID().slice(0, 6)}`;
    const channel = pusher.subscribe(name);
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const both = collect(channel, 'b', 700);
    const batch = await signedCall(node1, app, 'POST', `/apps/${app.id}/batch_events`, {
      batch: [
        { channel: name, name: 'b', data: '1' },
        { channel: name, name: 'b', data: '2' },
      ],
    });
    expect(batch.status).toBe(200);
    expect(await both).toEqual([1, 2]);

    const listed = await signedCall(node1, app, 'GET', `/apps/${app.id}/channels`, undefined, {
      filter_by_prefix: 'batch-',
    });
    expect(Object.keys(listed.body.channels)).toContain(name);

    pusher.signin();
    await pusher.user.signinDonePromise;
    expect(pusher.user.user_data).toEqual({ id: 'signed-in-user' });
    const disconnected = new Promise((resolve) =>
      pusher.connection.bind(
        'state_change',
        (s: { current: string }) => s.current !== 'connected' && resolve(s.current),
      ),
    );
    const terminated = await signedCall(
      node1,
      app,
      'POST',
      `/apps/${app.id}/users/signed-in-user/terminate_connections`,
      {},
    );
    expect(terminated.status).toBe(200);
    expect(await disconnected).toBeTruthy();
  });

  it("delivers the server SDK's sendToUser to every connection of that signed-in user, and to nobody else", async () => {
    const alice = `alice-${randomUUID().slice(0, 6)}`;
    const bob = `bob-${randomUUID().slice(0, 6)}`;
    const aliceTab = track(pusherClient(node1, app, { userId: alice }));
    const bobTab = track(pusherClient(node2, app, { userId: bob }));
    for (const client of [aliceTab, bobTab]) {
      client.signin();
      await client.user.signinDonePromise;
    }
    const received = (client: Pusher): Promise<unknown> =>
      new Promise((resolve) => client.user.bind('note', (data: unknown) => resolve(data)));
    const toAlice = received(aliceTab);
    const toBob = received(bobTab);
    // what the official `pusher` SDK's sendToUser(userId, event, data) sends
    const send = (user: string, text: string) =>
      signedCall(node2, app, 'POST', `/apps/${app.id}/events`, {
        name: 'note',
        channels: [`#server-to-user-${user}`],
        data: JSON.stringify({ text }),
      });
    expect((await send(alice, 'for alice')).status).toBe(200);
    expect(await toAlice).toEqual({ text: 'for alice' });
    expect((await send(bob, 'for bob')).status).toBe(200);
    // bob's first event is his own: alice's never reached him
    expect(await toBob).toEqual({ text: 'for bob' });
    const refused = await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'note',
      channels: ['#server-to-user-'],
      data: '{}',
    });
    expect(refused.status).toBe(422);
  });

  it('serves cache channels: a miss first, then the last event to new subscribers', async () => {
    const name = `cache-${randomUUID().slice(0, 6)}`;
    const first = rawClient(node1, app.key);
    await first.next('pusher:connection_established');
    first.send({ event: 'pusher:subscribe', data: { channel: name } });
    await first.next('pusher:cache_miss');
    await signedCall(node1, app, 'POST', `/apps/${app.id}/events`, {
      name: 'state',
      channels: [name],
      data: '{"v":1}',
    });
    const second = rawClient(node2, app.key);
    await second.next('pusher:connection_established');
    second.send({ event: 'pusher:subscribe', data: { channel: name } });
    expect((await second.next('state')).data).toEqual({ v: 1 });
    first.ws.close();
    second.ws.close();
  });
});

describe('connection rules', () => {
  it('refuses an unknown app key with 4001', async () => {
    const client = rawClient(node1, 'no-such-key');
    expect((await client.next('pusher:error')).data.code).toBe(4001);
    expect((await client.closed).code).toBe(4001);
  });

  it('checks the Origin at upgrade: allowed, wildcard, refused, and missing per app', async () => {
    const allowed = rawClient(node1, app.key, { origin: 'http://allowed.test' });
    await allowed.next('pusher:connection_established');
    const wildcard = rawClient(node1, app.key, { origin: 'https://shop.example.test' });
    await wildcard.next('pusher:connection_established');
    const refused = rawClient(node1, app.key, { origin: 'http://evil.test' });
    expect((await refused.next('pusher:error')).data.code).toBe(4009);
    expect((await refused.closed).code).toBe(4009);

    const strict = await newRealtimeApp({ allowNoOrigin: false });
    const noOrigin = rawClient(node1, strict.key);
    expect((await noOrigin.closed).code).toBe(4009);
    allowed.ws.close();
    wildcard.ws.close();
  });

  it('enforces the connection quota with 4004', async () => {
    const small = await newRealtimeApp({ maxConnections: 1 });
    const first = rawClient(node1, small.key);
    await first.next('pusher:connection_established');
    const second = rawClient(node1, small.key);
    expect((await second.closed).code).toBe(4004);
    first.ws.close();
  });

  it('answers malformed, oversize and unknown frames with pusher:error and keeps the connection', async () => {
    const client = rawClient(node1, app.key);
    await client.next('pusher:connection_established');
    client.send('this is not json');
    expect((await client.next('pusher:error')).data.message).toMatch(/not JSON/);
    client.send({ no: 'event' });
    expect((await client.next('pusher:error')).data.message).toMatch(/event name/);
    client.send({ event: 'pusher:whatever', data: {} });
    expect((await client.next('pusher:error')).data.message).toMatch(/Unknown event/);
    client.send({ event: 'client-big', channel: 'x', data: 'y'.repeat(11 * 1024) });
    expect((await client.next('pusher:error')).data.message).toMatch(/exceeds/);
    client.send({ event: 'pusher:subscribe', data: { channel: 'bad channel!' } });
    expect((await client.next('pusher:error')).data.message).toMatch(/Invalid channel/);
    client.send({ event: 'pusher:ping', data: {} });
    await client.next('pusher:pong');
    client.ws.close();
  });

  it('refuses an unsupported protocol version', async () => {
    const client = rawClient(node1, app.key, {}, '3');
    expect((await client.closed).code).toBe(4007);
  });

  it('exposes the realtime metrics', async () => {
    const text = await (await fetch(`${node1.url}/metrics`)).text();
    for (const name of [
      'realtime_connections',
      'realtime_channels',
      'realtime_messages_in_total',
      'realtime_messages_out_total',
      'realtime_redis_roundtrip_seconds_count',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/realtime_messages_out_total [1-9]/);
    // shared series: the database pool and the webhook queue's depth (read from Redis on scrape)
    expect(text).toMatch(/oversing_db_pool_connections\{app="realtime",state="total"\} \d+/);
    expect(text).toMatch(/oversing_queue_jobs\{queue="realtime-webhooks",state="waiting"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*app="realtime"/);
  });
});

describe('graceful shutdown', () => {
  it('tells connected clients to reconnect with 4200 and refuses readiness while draining', async () => {
    const client = rawClient(node2, app.key);
    await client.next('pusher:connection_established');
    const closing = node2.close();
    const error = await client.next('pusher:error');
    expect(error.data.code).toBe(4200);
    expect((await client.closed).code).toBe(4200);
    await closing;
    const ready = await fetch(`${node1.url}/health/ready`);
    expect(ready.status).toBe(503);
  });
});
