import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  enqueue,
  listQueued,
  remove,
  replay,
  type QueuedMutation,
  type SendResult,
} from '@/lib/offline/mutation-queue';

const change = (label: string, extra: Partial<QueuedMutation> = {}) => ({
  method: 'PATCH' as const,
  path: `/api/v1/tasks/${label}`,
  body: { title: label },
  label,
  invalidate: [['tasks']],
  ...extra,
});

/** A server answering from a script, recording what reached it, in order. */
function server(answers: Record<string, SendResult>) {
  const received: string[] = [];
  const send = (m: QueuedMutation): Promise<SendResult> => {
    const answer = answers[m.label] ?? { kind: 'ok' };
    if (answer.kind !== 'network') received.push(m.label);
    return Promise.resolve(answer);
  };
  return { send, received };
}

describe('the offline mutation queue (IndexedDB)', () => {
  beforeEach(async () => {
    for (const m of await listQueued()) await remove(m.id);
  });

  it('keeps changes in IndexedDB in the order they were made, with their If-Match version', async () => {
    await enqueue(change('a'));
    await enqueue(change('b', { ifMatch: 'W/"3"' }));
    await enqueue(change('c', { method: 'POST', path: '/api/v1/tasks' }));
    const queued = await listQueued();
    expect(queued.map((m) => m.label)).toEqual(['a', 'b', 'c']);
    expect(queued[1]).toMatchObject({ ifMatch: 'W/"3"', body: { title: 'b' } });
    expect(queued.map((m) => m.seq)).toEqual([...queued.map((m) => m.seq)].sort((x, y) => x - y));
    // stored in a real IndexedDB database, readable by any page of the origin
    const raw = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('oversing-offline');
      open.onsuccess = () => {
        const request = open.result.transaction('mutations').objectStore('mutations').getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error as Error);
      };
      open.onerror = () => reject(open.error as Error);
    });
    expect(raw).toHaveLength(3);
  });

  it('replays every change in order and empties the queue', async () => {
    for (const label of ['first', 'second', 'third']) await enqueue(change(label));
    const { send, received } = server({});
    const result = await replay(send);
    expect(received).toEqual(['first', 'second', 'third']);
    expect(result.sent.map((m) => m.label)).toEqual(['first', 'second', 'third']);
    expect(result).toMatchObject({ conflicts: [], remaining: 0 });
    expect(await listQueued()).toEqual([]);
  });

  it('stops at the first network failure and keeps that change and the later ones, in order', async () => {
    for (const label of ['one', 'two', 'three']) await enqueue(change(label));
    const offline = server({ two: { kind: 'network' } });
    const first = await replay(offline.send);
    expect(offline.received).toEqual(['one']);
    expect(first.remaining).toBe(2);
    expect((await listQueued()).map((m) => m.label)).toEqual(['two', 'three']);

    const back = server({});
    await replay(back.send);
    expect(back.received).toEqual(['two', 'three']);
    expect(await listQueued()).toEqual([]);
  });

  it('surfaces a change the server refuses (version conflict) instead of dropping it, and goes on', async () => {
    await enqueue(change('stale', { ifMatch: 'W/"1"' }));
    await enqueue(change('fine'));
    const { send, received } = server({
      stale: { kind: 'rejected', status: 412, message: 'The task was changed by someone else.' },
    });
    const result = await replay(send);
    expect(received).toEqual(['stale', 'fine']);
    expect(result.sent.map((m) => m.label)).toEqual(['fine']);
    expect(result.conflicts).toEqual([
      {
        mutation: expect.objectContaining({ label: 'stale', ifMatch: 'W/"1"', body: { title: 'stale' } }),
        status: 412,
        message: 'The task was changed by someone else.',
      },
    ]);
    expect(await listQueued()).toEqual([]);
  });

  it('numbers new changes after the ones already stored (a reload keeps the order)', async () => {
    const a = await enqueue(change('before-reload'));
    const b = await enqueue(change('after-reload'));
    expect(b.seq).toBeGreaterThan(a.seq);
    await remove(a.id);
    const c = await enqueue(change('later'));
    expect(c.seq).toBeGreaterThan(b.seq);
    expect((await listQueued()).map((m) => m.label)).toEqual(['after-reload', 'later']);
  });
});
