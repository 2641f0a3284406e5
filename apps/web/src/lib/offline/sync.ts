import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import { authorizationHeaders, dropAccessToken } from '@/lib/auth/session';
import {
  changeHeaders,
  enqueue,
  listQueued,
  newIdempotencyKey,
  replay,
  type QueuedMutation,
  type SendResult,
} from '@/lib/offline/mutation-queue';
import { useOfflineStore } from '@/lib/offline/offline-store';

/**
 * Sends changes to the API, queueing them while offline, and replays the queue in order on reconnect:
 * through Background Sync where the browser has it (the service worker asks this page to replay, since
 * only the page holds the access token) and on the `online` event everywhere.
 */
export const SYNC_TAG = 'oversing-offline-queue';

let apiUrl = '';
let queryClient: QueryClient | undefined;
let replaying: Promise<void> | undefined;

async function request(
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(await authorizationHeaders(method, `${apiUrl}${path}`)),
    accept: 'application/json',
    ...extra,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${apiUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The entity as the server has it now, after a version conflict (best effort: the dialog works without). */
async function current(path: string): Promise<{ theirs?: Record<string, unknown>; theirEtag?: string }> {
  try {
    const response = await request('GET', path);
    if (!response.ok) return {};
    const body = (await response.json()) as { data?: Record<string, unknown> };
    return { theirs: body.data, theirEtag: response.headers.get('etag') ?? undefined };
  } catch {
    return {};
  }
}

async function send(
  m: Pick<QueuedMutation, 'method' | 'path' | 'body' | 'ifMatch' | 'idempotencyKey'>,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await request(m.method, m.path, m.body, changeHeaders(m));
  } catch {
    return { kind: 'network' };
  }
  if (response.status === 401) dropAccessToken();
  if (response.ok) return { kind: 'ok', etag: response.headers.get('etag') ?? undefined };
  if (response.status >= 500 || response.status === 401 || response.status === 429)
    return { kind: 'network' };
  const error = await ApiError.fromResponse(response);
  // the same change's earlier attempt is still being processed by the server: try again later
  if (response.status === 409 && error.details.some((d) => d.field === 'Idempotency-Key'))
    return { kind: 'network' };
  const conflict =
    m.method === 'PATCH' && (response.status === 409 || response.status === 412) ? await current(m.path) : {};
  return { kind: 'rejected', status: response.status, message: error.message, ...conflict };
}

async function refreshPending(): Promise<void> {
  useOfflineStore.getState().setPending((await listQueued()).length);
}

async function requestBackgroundSync(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (
    registration as
      (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
  )?.sync;
  if (sync) await sync.register(SYNC_TAG).catch(() => undefined);
}

/**
 * Makes a change: at once when online, queued when the network fails. Returns whether it was queued.
 * A server refusal online is thrown as an ApiError (the form shows it).
 */
export async function submitMutation(
  change: Omit<QueuedMutation, 'id' | 'seq' | 'createdAt' | 'chained'>,
): Promise<'sent' | 'queued'> {
  // one key for the change, from its first attempt on: if that attempt's answer is lost, the queued
  // replay is the same request to the server
  const m = { ...change, idempotencyKey: change.idempotencyKey ?? newIdempotencyKey(change.method) };
  const queuedBefore = (await listQueued()).length;
  if (navigator.onLine && queuedBefore === 0) {
    const result = await send(m);
    if (result.kind === 'ok') {
      for (const key of m.invalidate) void queryClient?.invalidateQueries({ queryKey: key });
      return 'sent';
    }
    if (result.kind === 'rejected') throw new ApiError(result.status, 'REJECTED', result.message);
  }
  await enqueue(m);
  await refreshPending();
  await requestBackgroundSync();
  return 'queued';
}

export function replayNow(): Promise<void> {
  replaying ??= (async () => {
    const state = useOfflineStore.getState();
    state.setReplaying(true);
    try {
      const { sent, conflicts } = await replay(send);
      if (conflicts.length) state.addConflicts(conflicts);
      for (const m of [...sent, ...conflicts.map((c) => c.mutation)])
        for (const key of m.invalidate) void queryClient?.invalidateQueries({ queryKey: key });
    } finally {
      state.setReplaying(false);
      await refreshPending();
      replaying = undefined;
    }
  })();
  return replaying;
}

export function startOfflineSync(client: QueryClient, baseUrl: string): () => void {
  queryClient = client;
  apiUrl = baseUrl.replace(/\/$/, '');
  const onOnline = () => {
    useOfflineStore.getState().setOnline(true);
    void replayNow();
  };
  const onOffline = () => useOfflineStore.getState().setOnline(false);
  const onMessage = (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'replay-offline-queue') void replayNow();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  navigator.serviceWorker?.addEventListener('message', onMessage);
  void refreshPending().then(() => (navigator.onLine ? replayNow() : undefined));
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    navigator.serviceWorker?.removeEventListener('message', onMessage);
  };
}
