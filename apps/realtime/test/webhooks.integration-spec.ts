import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signChannelAuth, verifyWebhook } from '@oversing/pusher';
import {
  newRealtimeApp,
  rawClient,
  RunningRealtime,
  startRealtime,
  TestApp,
} from './support/realtime-harness';

interface Received {
  at: number;
  key: string;
  signatureValid: boolean;
  events: Array<{ name: string; channel: string; user_id?: string; event?: string; data?: string }>;
}

let node: RunningRealtime;
let receiver: Server;
let app: TestApp;
const received: Received[] = [];
/** how many more requests to fail with 500 (to prove retries) */
let failNext = 0;
let attempts = 0;

function webhooksFor(channel: string): Received['events'] {
  return received.flatMap((r) => r.events).filter((e) => e.channel === channel);
}

async function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts++;
      if (failNext > 0) {
        failNext--;
        response.statusCode = 500;
        response.end();
        return;
      }
      const body = Buffer.concat(chunks).toString();
      received.push({
        at: Date.now(),
        key: String(request.headers['x-pusher-key']),
        signatureValid: verifyWebhook(app.secret, body, String(request.headers['x-pusher-signature'])),
        events: (JSON.parse(body) as { events: Received['events'] }).events,
      });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  app = await newRealtimeApp({ webhookUrl: `http://127.0.0.1:${port}/hooks` });
  node = await startRealtime(`rt-wh-${randomUUID().slice(0, 8)}:`, {
    WEBHOOK_DELAY_SECONDS: '1',
    WEBHOOK_BACKOFF_MS: '100',
  });
});

afterAll(async () => {
  await node?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks', () => {
  it('sends channel_occupied at once and channel_vacated after the delay, signed with the app secret', async () => {
    const channel = `room-${randomUUID().slice(0, 6)}`;
    const client = rawClient(node, app.key);
    await client.next('pusher:connection_established');
    client.send({ event: 'pusher:subscribe', data: { channel } });
    await client.next('pusher_internal:subscription_succeeded');
    await until(() => (webhooksFor(channel).length ? true : undefined));
    const occupied = received.find((r) => r.events.some((e) => e.channel === channel))!;
    expect(occupied.events[0]).toEqual({ name: 'channel_occupied', channel });
    expect(occupied.key).toBe(app.key);
    expect(occupied.signatureValid).toBe(true);

    const leftAt = Date.now();
    client.send({ event: 'pusher:unsubscribe', data: { channel } });
    await until(() => (webhooksFor(channel).length === 2 ? true : undefined));
    const vacated = received.find((r) =>
      r.events.some((e) => e.channel === channel && e.name === 'channel_vacated'),
    )!;
    expect(vacated.at - leftAt).toBeGreaterThanOrEqual(900);
    client.ws.close();
  });

  it('sends nothing when a channel is reoccupied within the delay (a reconnect)', async () => {
    const channel = `flaky-${randomUUID().slice(0, 6)}`;
    const client = rawClient(node, app.key);
    await client.next('pusher:connection_established');
    client.send({ event: 'pusher:subscribe', data: { channel } });
    await client.next('pusher_internal:subscription_succeeded');
    await until(() => (webhooksFor(channel).length ? true : undefined));
    client.send({ event: 'pusher:unsubscribe', data: { channel } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.send({ event: 'pusher:subscribe', data: { channel } });
    await client.next('pusher_internal:subscription_succeeded');
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(webhooksFor(channel).map((e) => e.name)).toEqual(['channel_occupied']);
    client.ws.close();
  });

  it('reports presence members and client events, retrying a failing endpoint', async () => {
    const channel = `presence-hooks-${randomUUID().slice(0, 6)}`;
    const client = rawClient(node, app.key);
    const socketId = (await client.next('pusher:connection_established')).data.socket_id as string;
    const channelData = JSON.stringify({ user_id: 'u-1' });
    client.send({
      event: 'pusher:subscribe',
      data: {
        channel,
        auth: signChannelAuth(app, socketId, channel, channelData),
        channel_data: channelData,
      },
    });
    await client.next('pusher_internal:subscription_succeeded');
    await until(() => (webhooksFor(channel).some((e) => e.name === 'member_added') ? true : undefined));
    expect(webhooksFor(channel).find((e) => e.name === 'member_added')).toEqual({
      name: 'member_added',
      channel,
      user_id: 'u-1',
    });

    failNext = 2;
    const before = attempts;
    client.send({ event: 'client-typing', channel, data: { on: true } });
    const clientEvent = await until(() => webhooksFor(channel).find((e) => e.name === 'client_event'));
    expect(clientEvent).toMatchObject({ event: 'client-typing', data: '{"on":true}', user_id: 'u-1' });
    expect(attempts - before).toBeGreaterThanOrEqual(3);

    client.ws.close();
    const removed = await until(() => webhooksFor(channel).find((e) => e.name === 'member_removed'));
    expect(removed).toEqual({ name: 'member_removed', channel, user_id: 'u-1' });
  });
});
