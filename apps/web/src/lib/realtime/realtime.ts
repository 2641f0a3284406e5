import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { DomainEventContract } from '@oversing/contracts';
import { api, unwrap } from '@/lib/api-client';
import { authorizationHeaders, currentTenantId } from '@/lib/auth/session';
import type { RuntimeConfig } from '@/lib/runtime-config';

/**
 * Live updates through the realtime server (Pusher protocol) with laravel-echo + pusher-js, loaded after
 * sign-in so they do not weigh on the first screen. Every signed-in user joins `presence-workspace.{tenant}`
 * (its members are the presence avatars; it carries no data). The tenant's domain events arrive on
 * `private-tenant.{tenant}.{topic}` channels, one per permission (the API refuses the topics the user may
 * not read), and the user's own (their time) on `private-user.{id}`; each event invalidates the TanStack
 * Query caches it touches (`staleKeysOf`). Only the API's own events count:
 * `client-*` events (sent by other browsers) are ignored, and the catch-up cursor is taken only from
 * GET /api/v1/sync's `meta.last_sequence`, never from a realtime payload; after a realtime event, and on
 * reconnect, GET /api/v1/sync?after=N catches up.
 */
export interface PresenceMember {
  id: string;
  info: { name?: string; email?: string };
}
export const PRESENCE_KEY = ['realtime', 'presence'] as const;

const sequenceKey = (tenantId: string) => `oversing.sync.${tenantId}`;

/** The topics of `private-tenant.{tenant}.{topic}` (the API's TENANT_TOPICS). */
const TOPICS = ['tasks', 'programs', 'workflows', 'work-logs', 'financial', 'certifications', 'users'];

/** Events another browser can send (Pusher client events) are never data. */
export function isClientEvent(eventName: string): boolean {
  return eventName.replace(/^\./, '').startsWith('client-');
}

/** The certification a task response carries (`certification: {id, number, status, risk_score}`). */
interface TaskCertification {
  id: string;
  number: string;
  status: string;
  risk_score: number;
}

/**
 * A decision on a task's certification shows on the open task at once: the event (the API's own, on a
 * channel it authorized; client events never get here) carries the new status, so the task in the cache
 * takes it before the refetch confirms it. Only the certification the task already shows is updated (or
 * the first one): which certification is the task's latest is the API's to say, on the refetch.
 */
function patchTaskCertification(queryClient: QueryClient, event: DomainEventContract): void {
  const p = event.payload as Partial<Record<'certification_id' | 'number' | 'status', unknown>> & {
    risk_score?: unknown;
  };
  if (
    typeof p?.certification_id !== 'string' ||
    typeof p.number !== 'string' ||
    typeof p.status !== 'string' ||
    typeof p.risk_score !== 'number'
  )
    return;
  const next = { id: p.certification_id, number: p.number, status: p.status, risk_score: p.risk_score };
  queryClient.setQueryData<{ certification?: TaskCertification | null }>(
    ['tasks', 'detail', event.entity_id],
    (task) =>
      task && (!task.certification || task.certification.id === next.id)
        ? { ...task, certification: next }
        : task,
  );
}

/**
 * The query keys (prefixes) a domain event makes stale: what a panel on screen shows of the resource the
 * event is about. The API sends a user only the events they may read (their own time on
 * `private-user.{id}`, everyone's to work-logs:approve holders, money to financial:read holders).
 */
export function staleKeysOf(event: DomainEventContract): QueryKey[] {
  if (typeof event?.type !== 'string') return [];
  const keys: QueryKey[] = [];
  // a decision on a certification (certification.approved, …) changes the review queue and its detail
  if (event.type.startsWith('certification.')) keys.push(['certifications']);
  switch (event.entity_type) {
    case 'task': {
      keys.push(['tasks', 'list'], ['tasks', 'detail', event.entity_id], ['audit']);
      // a dependency added or removed also changes what the other task "blocks"
      const payload = event.payload as {
        dependency_added?: { blocker_id?: unknown };
        dependency_removed?: { blocker_id?: unknown };
      };
      const blocker = payload?.dependency_added?.blocker_id ?? payload?.dependency_removed?.blocker_id;
      if (typeof blocker === 'string') keys.push(['tasks', 'detail', blocker, 'dependencies']);
      break;
    }
    case 'program':
      keys.push(['programs']);
      break;
    case 'workflow':
      // the board's workflow picker, and the tasks placed in it
      keys.push(['workflows'], ['tasks']);
      break;
    case 'certification':
      keys.push(['certifications']);
      break;
    case 'work_log':
    case 'time_card':
      // the timesheet, the approvals list and the time report; approved time is a budget's actual cost
      keys.push(['time-cards'], ['reports']);
      if (event.type === 'timecard.approved') keys.push(['financial', 'budgets']);
      break;
    case 'invoice':
      keys.push(['financial', 'invoices']);
      break;
    case 'expense':
    case 'budget':
      keys.push(['financial', 'budgets']);
      break;
    default:
      keys.push(['tasks']);
  }
  return keys;
}

export function applyEvent(queryClient: QueryClient, event: DomainEventContract): void {
  if (
    typeof event?.type === 'string' &&
    event.type.startsWith('certification.') &&
    event.entity_type === 'task'
  )
    patchTaskCertification(queryClient, event);
  for (const queryKey of staleKeysOf(event)) void queryClient.invalidateQueries({ queryKey });
}

/** What was missed while disconnected, in order, page by page. */
async function catchUp(queryClient: QueryClient, tenantId: string, first: boolean): Promise<void> {
  const fetchPage = (after: number, limit: number) =>
    unwrap<DomainEventContract[]>(
      api().GET('/api/v1/sync', { params: { query: { after, limit } as never } }),
    );
  if (localStorage.getItem(sequenceKey(tenantId)) === null) {
    // first time on this device: nothing to replay; start from the tenant's latest event
    const { meta } = await fetchPage(0, 1);
    const latest = Number(meta.latest_sequence);
    if (Number.isSafeInteger(latest)) localStorage.setItem(sequenceKey(tenantId), String(latest));
    if (!first)
      for (const key of [
        ['tasks'],
        ['audit'],
        ['programs'],
        ['certifications'],
        ['time-cards'],
        ['financial'],
        ['reports'],
      ])
        void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  for (let round = 0; round < 20; round++) {
    const after = Number(localStorage.getItem(sequenceKey(tenantId)) ?? 0);
    const { data, meta } = await fetchPage(after, 200);
    for (const event of data) applyEvent(queryClient, event);
    const lastSequence = Number(meta.last_sequence);
    if (Number.isSafeInteger(lastSequence) && lastSequence >= after)
      localStorage.setItem(sequenceKey(tenantId), String(lastSequence));
    if (meta.has_more !== true) return;
  }
}

/** The notification centre's query key (features/notifications): a new notification refreshes it. */
const NOTIFICATIONS_KEY = ['notifications'] as const;

export async function startRealtime(
  config: RuntimeConfig,
  queryClient: QueryClient,
  userId?: string,
): Promise<() => void> {
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
                ...(await authorizationHeaders('POST', config.realtime.auth_endpoint)),
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
    .leaving((m: { id?: string }) => setMembers((all) => all.filter((x) => x.id !== toMember(m).id)));

  // a realtime event refreshes what it touches, then the catch-up moves the cursor (debounced)
  let syncTimer: ReturnType<typeof setTimeout> | undefined;
  const onEvent = (eventName: string, data: DomainEventContract): void => {
    if (isClientEvent(eventName)) return;
    applyEvent(queryClient, data);
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => void catchUp(queryClient, tenantId, false).catch(() => undefined), 1000);
  };
  for (const topic of TOPICS) echo.private(`tenant.${tenantId}.${topic}`).listenToAll(onEvent);

  // the user's own channel: new notifications (the bell's count and list), and the domain events about
  // the user's own things (their work logs and time cards). Once subscribed (again), the list is
  // refreshed, so a notification created before the subscription is not missed either.
  if (userId) {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    echo
      .private(`user.${userId}`)
      .subscribed(refresh)
      .listenToAll((eventName: string, data: DomainEventContract) => {
        if (eventName.replace(/^\./, '') === 'notification.created') refresh();
        else onEvent(eventName, data);
      });
  }

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
    clearTimeout(syncTimer);
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
