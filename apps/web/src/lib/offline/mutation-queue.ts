import { clear, createStore, del, entries, set } from 'idb-keyval';

/**
 * Changes made offline, kept in IndexedDB (database `oversing-offline`, store `mutations`) and replayed in
 * the order they were made. An entry is a plain HTTP request against the API (method, path, JSON body of
 * the changed fields only, If-Match version), so replay needs no knowledge of the feature that queued it.
 *
 * Successive edits of one entity are chained: the first carries the version the user edited, each later
 * one is sent with the version the previous one produced (its response's ETag), so two offline edits of
 * one task are two changes in a row, not a conflict with each other.
 *
 * Every POST and PATCH carries an `Idempotency-Key` made once, when the change is made, and stored with it:
 * the same key goes out on every attempt (the first online try, each replay, after a reload), so a change
 * whose answer was lost (the connection dropped after the server committed it) is answered from the
 * server's stored response on replay instead of being applied twice.
 */
export interface QueuedMutation {
  id: string;
  seq: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  ifMatch?: string;
  /** sent with the version that the previous queued change of the same path produces (set on replay) */
  chained?: boolean;
  /** the changed fields' values before this change, as the user saw them (for the conflict dialog) */
  before?: Record<string, unknown>;
  label: string;
  createdAt: string;
  /** query keys to invalidate once the change reached the server */
  invalidate: string[][];
  /** `Idempotency-Key` of this change (POST and PATCH), the same on every attempt */
  idempotencyKey?: string;
}

/** A new key for a change that needs one: POST and PATCH (PUT and DELETE are idempotent by themselves). */
export function newIdempotencyKey(method: QueuedMutation['method']): string | undefined {
  return method === 'POST' || method === 'PATCH' ? crypto.randomUUID() : undefined;
}

/** The headers a change is sent with besides authorization: the version it edits and its key. */
export function changeHeaders(m: Pick<QueuedMutation, 'ifMatch' | 'idempotencyKey'>): Record<string, string> {
  return {
    ...(m.ifMatch ? { 'if-match': m.ifMatch } : {}),
    ...(m.idempotencyKey ? { 'idempotency-key': m.idempotencyKey } : {}),
  };
}

export interface Conflict {
  mutation: QueuedMutation;
  status: number;
  message: string;
  /** the entity as the server has it now (a version conflict on a PATCH), and its version */
  theirs?: Record<string, unknown>;
  theirEtag?: string;
}

export type SendResult =
  | { kind: 'ok'; etag?: string }
  | { kind: 'network' }
  | {
      kind: 'rejected';
      status: number;
      message: string;
      theirs?: Record<string, unknown>;
      theirEtag?: string;
    };

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
  mutation: Omit<QueuedMutation, 'id' | 'seq' | 'createdAt' | 'chained'>,
): Promise<QueuedMutation> {
  const queued = await listQueued();
  // an edit of an entity whose earlier edit still waits builds on that edit's result, not on the version
  // the user saw (which the earlier edit will have replaced by then)
  const chained = mutation.method === 'PATCH' && queued.some((m) => m.path === mutation.path);
  const entry: QueuedMutation = {
    ...mutation,
    ...(chained ? { ifMatch: undefined, chained: true } : {}),
    // the key of the first (online) attempt when there was one: the queued change is its retry
    idempotencyKey: mutation.idempotencyKey ?? newIdempotencyKey(mutation.method),
    id: crypto.randomUUID(),
    seq: ++lastSeq,
    createdAt: new Date().toISOString(),
  };
  await set(entry.id, entry, store());
  return entry;
}

/** Drops every queued change (on sign-out: the queue belongs to the user who made the changes). */
export async function clearQueue(): Promise<void> {
  await clear(store());
}

export async function remove(id: string): Promise<void> {
  await del(id, store());
}

/**
 * Replays the queue in order. Stops at the first network failure (still offline: the rest waits, order
 * kept). A change the server refuses (409/412 version conflict, or any other 4xx) leaves the queue and is
 * returned as a conflict for the user to resolve, so nothing is lost silently; later edits chained to it
 * join that conflict (they build on the refused change). A change that succeeds hands its new version to
 * the next chained edit of the same path, stored at once so an interrupted replay resumes correctly.
 */
export async function replay(send: (m: QueuedMutation) => Promise<SendResult>): Promise<{
  sent: QueuedMutation[];
  conflicts: Conflict[];
  remaining: number;
}> {
  const queued = await listQueued();
  const sent: QueuedMutation[] = [];
  const conflicts: Conflict[] = [];
  const refusedPaths = new Map<string, Conflict>();
  for (const [index, queuedMutation] of queued.entries()) {
    let mutation = queuedMutation;
    if (!mutation.idempotencyKey && newIdempotencyKey(mutation.method)) {
      // queued by a version without keys: give it one, stored before the first send
      mutation = { ...mutation, idempotencyKey: newIdempotencyKey(mutation.method) };
      await set(mutation.id, mutation, store());
    }
    const refused = refusedPaths.get(mutation.path);
    if (refused && mutation.chained) {
      refused.mutation = {
        ...refused.mutation,
        body: { ...(refused.mutation.body as object), ...(mutation.body as object) },
        before: { ...mutation.before, ...refused.mutation.before },
      };
      await remove(mutation.id);
      continue;
    }
    const result = await send(mutation);
    if (result.kind === 'network') return { sent, conflicts, remaining: queued.length - index };
    if (result.kind === 'ok') {
      const next = queued.slice(index + 1).find((m) => m.path === mutation.path);
      if (next?.chained) {
        const updated = { ...next, chained: false, ifMatch: result.etag };
        queued[queued.indexOf(next)] = updated;
        await set(updated.id, updated, store());
      }
      await remove(mutation.id);
      sent.push(mutation);
    } else {
      await remove(mutation.id);
      const conflict: Conflict = {
        mutation,
        status: result.status,
        message: result.message,
        theirs: result.theirs,
        theirEtag: result.theirEtag,
      };
      conflicts.push(conflict);
      refusedPaths.set(mutation.path, conflict);
    }
  }
  return { sent, conflicts, remaining: 0 };
}
