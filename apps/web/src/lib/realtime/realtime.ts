import type { QueryClient } from '@tanstack/react-query';
import type { DomainEventContract } from '@oversing/contracts';
import { api, unwrap } from '@/lib/api-client';
import { currentTenantId, getAccessToken } from '@/lib/auth/session';
import type { RuntimeConfig } from '@/lib/runtime-config';

/**
 * Live updates through the realtime server (Pusher protocol) with laravel-echo + pusher-js, loaded after
 * sign-in so they do not weigh on the first screen. Every signed-in user joins `presence-workspace.{tenant}`:
 * its members are the presence avatars, and the tenant's domain events arrive on it; each event
 * invalidates the TanStack Query caches it touches. The last sequence number seen is kept per tenant, and
 * on reconnect GET /api/v1/sync?after=N catches up with what was missed.
 */
export interface PresenceMember {
  id: string;
  info: { name?: string; email?: string };
}
export const PRESENCE_KEY = ['realtime', 'presence'] as const;

const sequenceKey = (tenantId: string) => `oversing.sync.${tenantId}`;

function applyEvent(queryClient: QueryClient, tenantId: string, event: DomainEventContract): void {
  if (typeof event?.sequence === 'number') {
    const last = Number(localStorage.getItem(sequenceKey(tenantId)) ?? 0);
    if (event.sequence > last) localStorage.setItem(sequenceKey(tenantId), String(event.sequence));
  }
  switch (event?.entity_type) {
    case 'task':
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', event.entity_id] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      break;
    case 'program':
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      break;
    case 'certification':
      void queryClient.invalidateQueries({ queryKey: ['certifications'] });
      break;
    default:
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  }
}

/** What was missed while disconnected, in order, page by page. */
async function catchUp(queryClient: QueryClient, tenantId: string, first: boolean): Promise<void> {
  if (localStorage.getItem(sequenceKey(tenantId)) === null) {
    if (first) return;
    // no event seen on this device yet: nothing to replay, refresh what is shown
    for (const key of [['tasks'], ['audit'], ['programs'], ['certifications']])
      void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  for (let page = 0; page < 20; page++) {
    const after = Number(localStorage.getItem(sequenceKey(tenantId)) ?? 0);
    const { data } = await unwrap<DomainEventContract[]>(
      api().GET('/api/v1/sync', { params: { query: { after, limit: 200 } as never } }),
    );
    for (const event of data) applyEvent(queryClient, tenantId, event);
    if (data.length < 200) return;
  }
}

export async function startRealtime(config: RuntimeConfig, queryClient: QueryClient): Promise<() => void> {
  const tenantId = await currentTenantId();
  if (!tenantId) throw new Error('The access token names no tenant.');
  const [{ default: Echo }, { default: Pusher }] = await Promise.all([
    import('laravel-echo'),
    import('pusher-js'),
  ]);
  const secure = config.realtime.scheme === 'wss';
  const echo = new Echo({
    broadcaster: 'pusher',
    key: config.realtime.key,
    cluster: '',
    wsHost: config.realtime.host,
    wsPort: config.realtime.port,
    wssPort: config.realtime.port,
    forceTLS: secure,
    enabledTransports: secure ? ['wss'] : ['ws'],
    disableStats: true,
    Pusher,
    // the API authorizes private and presence channels for the bearer of an access token
    authorizer: (channel: { name: string }) => ({
      authorize: (socketId: string, callback: (error: Error | null, data: unknown) => void) => {
        void (async () => {
          try {
            const response = await fetch(config.realtime.auth_endpoint, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${await getAccessToken()}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({ socket_id: socketId, channel_name: channel.name }),
            });
            if (!response.ok) throw new Error(`channel authorization refused (${response.status})`);
            callback(null, await response.json());
          } catch (error) {
            callback(error as Error, null);
          }
        })();
      },
    }),
  } as never);

  const setMembers = (fn: (members: PresenceMember[]) => PresenceMember[]) =>
    queryClient.setQueryData<PresenceMember[]>(PRESENCE_KEY, (old) => fn(old ?? []));
  echo
    .join(`workspace.${tenantId}`)
    .here((members: Array<{ id?: string; user_id?: string; name?: string; email?: string }>) =>
      setMembers(() => members.map(toMember)),
    )
    .joining((m: { id?: string }) =>
      setMembers((all) => [...all.filter((x) => x.id !== toMember(m).id), toMember(m)]),
    )
    .leaving((m: { id?: string }) => setMembers((all) => all.filter((x) => x.id !== toMember(m).id)))
    .listenToAll((_event: string, data: DomainEventContract) => applyEvent(queryClient, tenantId, data));

  let connectedOnce = false;
  const connection = (
    echo.connector as unknown as {
      pusher: { connection: { bind: (e: string, f: (s: { current: string }) => void) => void } };
    }
  ).pusher.connection;
  connection.bind('state_change', ({ current }) => {
    if (current !== 'connected') return;
    // the first connection catches up with what happened since this device last listened (a reload)
    void catchUp(queryClient, tenantId, !connectedOnce).catch(() => undefined);
    connectedOnce = true;
  });
  return () => {
    echo.disconnect();
    queryClient.setQueryData(PRESENCE_KEY, []);
  };
}

function toMember(m: {
  id?: string;
  user_id?: string;
  name?: string;
  email?: string;
  info?: unknown;
}): PresenceMember {
  const info = (m.info ?? m) as { name?: string; email?: string };
  return { id: String(m.id ?? m.user_id ?? info.email ?? ''), info: { name: info.name, email: info.email } };
}
