import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  changeHeaders,
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

describe('successive offline edits of one entity', () => {
  beforeEach(async () => {
    for (const m of await listQueued()) await remove(m.id);
  });

  it('chains them: the second is sent with the version the first produced, not the one the user saw', async () => {
    await enqueue(change('first', { path: '/api/v1/tasks/t1', ifMatch: '"4"', body: { title: 'A' } }));
    await enqueue(change('other', { path: '/api/v1/tasks/t2', ifMatch: '"9"' }));
    await enqueue(change('second', { path: '/api/v1/tasks/t1', ifMatch: '"4"', body: { status: 'done' } }));
    const queued = await listQueued();
    expect(queued[2]).toMatchObject({ chained: true, ifMatch: undefined });
    // a server that checks versions: t1 is at version 4, each success answers the next version
    const versions: Record<string, number> = { '/api/v1/tasks/t1': 4, '/api/v1/tasks/t2': 9 };
    const seen: Array<[string, string | undefined]> = [];
    const result = await replay((m) => {
      seen.push([m.label, m.ifMatch]);
      if (m.ifMatch !== `"${versions[m.path]}"`)
        return Promise.resolve({ kind: 'rejected', status: 412, message: 'stale' } as const);
      versions[m.path] = versions[m.path]! + 1;
      return Promise.resolve({ kind: 'ok', etag: `"${versions[m.path]}"` } as const);
    });
    expect(seen).toEqual([
      ['first', '"4"'],
      ['other', '"9"'],
      ['second', '"5"'],
    ]);
    expect(result.conflicts).toEqual([]);
    expect(result.sent.map((m) => m.label)).toEqual(['first', 'other', 'second']);
  });

  it('hands the new version to the next edit in storage, so an interrupted replay resumes without a false conflict', async () => {
    await enqueue(change('first', { path: '/api/v1/tasks/t1', ifMatch: '"1"' }));
    await enqueue(change('second', { path: '/api/v1/tasks/t1', ifMatch: '"1"' }));
    const first = await replay((m) =>
      Promise.resolve(m.label === 'first' ? { kind: 'ok', etag: '"2"' } : { kind: 'network' }),
    );
    expect(first.remaining).toBe(1);
    expect(await listQueued()).toEqual([
      expect.objectContaining({ label: 'second', ifMatch: '"2"', chained: false }),
    ]);
  });

  it('folds edits chained to a refused one into its conflict, with the earliest values before', async () => {
    await enqueue(
      change('first', {
        path: '/api/v1/tasks/t1',
        ifMatch: '"1"',
        body: { title: 'A' },
        before: { title: 'Old' },
      }),
    );
    await enqueue(
      change('second', {
        path: '/api/v1/tasks/t1',
        body: { title: 'B', priority: 2 },
        before: { title: 'A', priority: 3 },
      }),
    );
    const result = await replay(() =>
      Promise.resolve({
        kind: 'rejected',
        status: 412,
        message: 'stale',
        theirs: { title: 'Theirs' },
        theirEtag: '"3"',
      } as const),
    );
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({
      mutation: { label: 'first', body: { title: 'B', priority: 2 }, before: { title: 'Old', priority: 3 } },
      theirs: { title: 'Theirs' },
      theirEtag: '"3"',
    });
    expect(await listQueued()).toEqual([]);
  });
});

describe('the Idempotency-Key of a queued change', () => {
  beforeEach(async () => {
    for (const m of await listQueued()) await remove(m.id);
  });

  /** A server that records the key each request carried, answering from a script of attempts. */
  function keyedServer(script: Record<string, SendResult[]>) {
    const keys: Array<[string, string | undefined]> = [];
    const send = (m: QueuedMutation): Promise<SendResult> => {
      // the headers sync.ts sends the change with
      keys.push([m.label, changeHeaders(m)['idempotency-key']]);
      return Promise.resolve(script[m.label]?.shift() ?? { kind: 'ok' });
    };
    return { send, keys };
  }

  it('sends the same key on every replay of one change, a different key for each change, across a reload', async () => {
    await enqueue(change('edit', { ifMatch: '"1"' }));
    await enqueue(change('create', { method: 'POST', path: '/api/v1/tasks', body: { title: 'New' } }));
    await enqueue(change('log', { method: 'POST', path: '/api/v1/work-logs', body: { minutes: 30 } }));
    // the answers of the first attempts are lost (the connection drops): each is sent again later
    const server = keyedServer({ edit: [{ kind: 'network' }], create: [{ kind: 'network' }] });
    await replay(server.send);
    // a reload: a fresh copy of the module reads the queue back from IndexedDB
    vi.resetModules();
    const reloaded = await import('@/lib/offline/mutation-queue');
    await reloaded.replay(server.send);
    await reloaded.replay(server.send);
    expect(server.keys.map(([label]) => label)).toEqual(['edit', 'edit', 'create', 'create', 'log']);
    const byLabel = new Map<string, Set<string | undefined>>();
    for (const [label, key] of server.keys) byLabel.set(label, (byLabel.get(label) ?? new Set()).add(key));
    for (const [label, keys] of byLabel) {
      expect(keys.size, label).toBe(1);
      expect([...keys][0], label).toMatch(/^[0-9a-f-]{36}$/);
    }
    const distinct = new Set([...byLabel.values()].map((keys) => [...keys][0]));
    expect(distinct.size).toBe(3);
    expect(await listQueued()).toEqual([]);
  });

  it('stores the key with the change in IndexedDB', async () => {
    const queued = await enqueue(change('stored', { method: 'POST', path: '/api/v1/tasks' }));
    const raw = await new Promise<QueuedMutation>((resolve, reject) => {
      const open = indexedDB.open('oversing-offline');
      open.onsuccess = () => {
        const request = open.result.transaction('mutations').objectStore('mutations').get(queued.id);
        request.onsuccess = () => resolve(request.result as QueuedMutation);
        request.onerror = () => reject(request.error as Error);
      };
      open.onerror = () => reject(open.error as Error);
    });
    expect(raw.idempotencyKey).toBe(queued.idempotencyKey);
    expect(raw.idempotencyKey).toBeTruthy();
  });

  it('keeps the key of the online attempt whose answer was lost: the queued change is its retry', async () => {
    const queued = await enqueue(change('retry', { idempotencyKey: 'first-attempt-key' }));
    expect(queued.idempotencyKey).toBe('first-attempt-key');
    const server = keyedServer({});
    await replay(server.send);
    expect(server.keys).toEqual([['retry', 'first-attempt-key']]);
  });

  it('gives a change queued before keys existed one key, stored before its first send', async () => {
    const legacy: QueuedMutation = {
      ...change('legacy', { method: 'POST', path: '/api/v1/tasks' }),
      id: 'legacy-id',
      seq: 1_000_000,
      createdAt: new Date().toISOString(),
    };
    await set(legacy.id, legacy, createStore('oversing-offline', 'mutations'));
    const server = keyedServer({ legacy: [{ kind: 'network' }] });
    await replay(server.send);
    await replay(server.send);
    expect(server.keys).toHaveLength(2);
    expect(server.keys[0]![1]).toBeTruthy();
    expect(server.keys[1]![1]).toBe(server.keys[0]![1]);
  });

  it('sends no key with PUT and DELETE (idempotent by themselves)', async () => {
    const put = await enqueue(change('put', { method: 'PUT' }));
    const del = await enqueue(change('delete', { method: 'DELETE' }));
    expect(put.idempotencyKey).toBeUndefined();
    expect(changeHeaders(del)).toEqual({});
  });
});
