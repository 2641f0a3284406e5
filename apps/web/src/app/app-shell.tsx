import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Button } from '@/components/ui/button';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { OfflineBadge } from '@/components/ui/offline-badge';
import { PresenceAvatars } from '@/lib/realtime/presence-avatars';
import { startRealtime } from '@/lib/realtime/realtime';
import { useAuthStore } from '@/lib/auth/auth-store';
import { signOut } from '@/lib/auth/session';
import { clearApiCache } from '@/lib/pwa/register-sw';
import { clearQueue } from '@/lib/offline/mutation-queue';
import { useOfflineStore } from '@/lib/offline/offline-store';
import { programOptionsQuery } from '@/features/tasks/api/list-program-options';
import { taskOptionsQuery } from '@/features/time/api/list-task-options';
import { useThemeStore } from '@/lib/theme';
import { AccountButton } from '@/app/account-button';
import { mayAdminister, panelAccess } from '@/app/panel-access';
import { PanelAccessProvider } from '@/features/workspace/components/panel-content';
import { cn } from '@/lib/cn';
import { useRuntimeConfig } from '@/features/auth/hooks/use-runtime-config';
import { useMe } from '@/features/users/api/get-me';
import { useShortcuts } from '@/features/workspace/hooks/use-shortcuts';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';

const navLink = ({ isActive }: { isActive: boolean }) =>
  cn(
    'inline-flex items-center rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap pointer-coarse:min-h-11',
    isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-700 dark:text-slate-300',
  );

// cmdk and its dialog load on the first Ctrl+K, not with the first screen
const CommandPalette = lazy(() =>
  import('@/features/workspace/components/command-palette').then((m) => ({ default: m.CommandPalette })),
);
// likewise the account menu (Radix dropdown) on the first click, and the conflict dialog when there is one
const AccountMenu = lazy(() => import('@/app/account-menu').then((m) => ({ default: m.AccountMenu })));
const ConflictDialog = lazy(() =>
  import('@/components/ui/conflict-dialog').then((m) => ({ default: m.ConflictDialog })),
);

/** The account button; its menu's code loads on the first click, which opens it. */
function Account(props: { name: string; email?: string; onSignOut: () => void }) {
  const [wanted, setWanted] = useState(false);
  if (!wanted) return <AccountButton name={props.name} onClick={() => setWanted(true)} />;
  return (
    <Suspense fallback={<AccountButton name={props.name} aria-busy />}>
      <AccountMenu {...props} />
    </Suspense>
  );
}

/** The signed-in frame: header (navigation, status, theme, account), the page, the palette and dialogs. */
export function AppShell() {
  const user = useAuthStore((s) => s.user);
  const me = useMe();
  const queryClient = useQueryClient();
  const { theme, toggle } = useThemeStore();
  const loadLayout = useLayoutStore((s) => s.load);
  const paletteOpened = usePaletteStore((s) => s.open);
  useShortcuts();

  useEffect(() => {
    if (user) loadLayout(user.sub);
  }, [user, loadLayout]);

  const config = useRuntimeConfig();
  const userId = user?.sub;
  useEffect(() => {
    if (!userId) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    startRealtime(config, queryClient, userId)
      .then((s) => (cancelled ? s() : (stop = s)))
      .catch(() => undefined); // no live updates (the realtime server is down): the app still works
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [config, queryClient, userId]);

  // what the forms need offline (the task form's programs, the time form's tasks) is read once signed in,
  // so the service worker has it when the network is gone
  useEffect(() => {
    if (!userId) return;
    void queryClient.prefetchQuery(programOptionsQuery);
    void queryClient.prefetchQuery(taskOptionsQuery);
  }, [queryClient, userId]);

  const pending = useOfflineStore((s) => s.pending);
  const hasConflicts = useOfflineStore((s) => s.conflicts.length > 0);
  const doSignOut = () => {
    if (
      pending > 0 &&
      !window.confirm(
        `${pending} change${pending === 1 ? '' : 's'} made offline ${pending === 1 ? 'has' : 'have'} not been sent yet. Signing out discards ${pending === 1 ? 'it' : 'them'}. Sign out anyway?`,
      )
    )
      return;
    // the queue is this user's: another user signing in on this device must not send it
    void clearQueue()
      .then(signOut)
      .then((url) => {
        clearApiCache();
        queryClient.clear();
        window.location.assign(url);
      });
  };

  const name = me.data?.name ?? user?.name ?? user?.email ?? 'Account';
  // the administration screens and the panels show only for what the user may use (the API enforces it
  // anyway; this spares the user screens that only say "You do not have the permission …")
  const canAdminister = mayAdminister(me.data);
  const panelAllowed = useMemo(
    () => panelAccess({ data: me.data, isError: me.isError }),
    [me.data, me.isError],
  );
  return (
    <PanelAccessProvider value={panelAllowed}>
      <div className="flex h-full flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <header className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1 sm:gap-2 sm:px-3 sm:py-2 dark:border-slate-800">
          <img src="/icons/icon-192.png" alt="" width={24} height={24} className="rounded" />
          <span className="hidden font-semibold sm:inline">Oversing</span>
          {/* on a phone the navigation takes its own row under the status and account controls */}
          <nav
            aria-label="Main"
            className="order-last flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto"
          >
            <NavLink to="/" end className={navLink}>
              Workspace
            </NavLink>
            <NavLink to="/programs" className={navLink}>
              Programs
            </NavLink>
            {canAdminister && (
              <NavLink to="/admin" className={navLink}>
                Administration
              </NavLink>
            )}
          </nav>
          <span className="flex-1" />
          <PresenceAvatars />
          <OfflineBadge />
          <NotificationBell />
          <Button
            variant="ghost"
            onClick={() => usePaletteStore.getState().setOpen(true)}
            aria-keyshortcuts="Control+K"
          >
            {/* the name comes from the content, so it always matches what is seen */}
            <span aria-hidden="true" className="sm:hidden">
              ⌕
            </span>
            <span className="sr-only sm:not-sr-only">Commands</span>
            {/* no keyboard hint on a touch screen; aria-keyshortcuts tells assistive technology */}
            <kbd
              aria-hidden="true"
              className="rounded border border-slate-300 px-1 text-xs pointer-coarse:hidden dark:border-slate-600"
            >
              Ctrl K
            </kbd>
          </Button>
          <Button
            variant="ghost"
            onClick={toggle}
            aria-label={theme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </Button>
          <Account name={name} email={me.data?.email ?? user?.email} onSignOut={doSignOut} />
        </header>
        <main id="main" className="min-h-0 flex-1 overflow-auto">
          <Outlet />
        </main>
        {paletteOpened && (
          <Suspense fallback={null}>
            <CommandPalette onSignOut={doSignOut} />
          </Suspense>
        )}
        {hasConflicts && (
          <Suspense fallback={null}>
            <ConflictDialog />
          </Suspense>
        )}
      </div>
    </PanelAccessProvider>
  );
}
