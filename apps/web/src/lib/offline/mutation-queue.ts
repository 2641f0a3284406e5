import { createStore, del, entries, set } from 'idb-keyval';

/**
 * Changes made offline, kept in IndexedDB (database `oversing-offline`, store `mutations`) and replayed in
 * the order they were made. An entry is a plain HTTP request against the API (method, path, JSON body,
 * If-Match version), so replay needs no knowledge of the feature that queued it.
 */
export interface QueuedMutation {
  id: string;
  seq: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  ifMatch?: string;
  label: string;
  createdAt: string;
  /** query keys to invalidate once the change reached the server */
  invalidate: string[][];
}

export interface Conflict {
  mutation: QueuedMutation;
  status: number;
  message: string;
}

export type SendResult =
  { kind: 'ok' } | { kind: 'network' } | { kind: 'rejected'; status: number; message: string };

const store = (() => {
  let s: ReturnType<typeof createStore> | undefined;
  return () => (s ??= createStore('oversing-offline', 'mutations'));
})();

let lastSeq = 0;

export async function listQueued(): Promise<QueuedMutation[]> {
  const all = (await entries<string, QueuedMutation>(store())).map(([, v]) => v);
  all.sort((a, b) => a.seq - b.seq);
  lastSeq = Math.max(lastSeq, ...all.map((m) => m.seq), 0);
  return all;
}

export async function enqueue(
  mutation: Omit<QueuedMutation, 'id' | 'seq' | 'createdAt'>,
): Promise<QueuedMutation> {
  await listQueued();
  const entry: QueuedMutation = {
    ...mutation,
    id: crypto.randomUUID(),
    seq: ++lastSeq,
    createdAt: new Date().toISOString(),
  };
  await set(entry.id, entry, store());
  return entry;
}

export async function remove(id: string): Promise<void> {
  await del(id, store());
}

/**
 * Replays the queue in order. Stops at the first network failure (still offline: the rest waits, order
 * kept). A change the server refuses (409/412 version conflict, or any other 4xx) leaves the queue and is
 * returned as a conflict for the user to resolve, so nothing is lost silently.
 */
export async function replay(send: (m: QueuedMutation) => Promise<SendResult>): Promise<{
  sent: QueuedMutation[];
  conflicts: Conflict[];
  remaining: number;
}> {
  const queued = await listQueued();
  const sent: QueuedMutation[] = [];
  const conflicts: Conflict[] = [];
  for (const [index, mutation] of queued.entries()) {
    const result = await send(mutation);
    if (result.kind === 'network') return { sent, conflicts, remaining: queued.length - index };
    await remove(mutation.id);
    if (result.kind === 'ok') sent.push(mutation);
    else conflicts.push({ mutation, status: result.status, message: result.message });
  }
  return { sent, conflicts, remaining: 0 };
}
