import { useQueryClient } from '@tanstack/react-query';
import { DropdownMenu } from 'radix-ui';
import { lazy, Suspense, useEffect } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Button } from '@/components/ui/button';
import { NotificationsToggle } from '@/features/notifications/components/notifications-toggle';
import { ConflictDialog } from '@/components/ui/conflict-dialog';
import { OfflineBadge } from '@/components/ui/offline-badge';
import { PresenceAvatars } from '@/lib/realtime/presence-avatars';
import { startRealtime } from '@/lib/realtime/realtime';
import { useAuthStore } from '@/lib/auth/auth-store';
import { signOut } from '@/lib/auth/session';
import { clearApiCache } from '@/lib/pwa/register-sw';
import { useThemeStore } from '@/lib/theme';
import { cn } from '@/lib/cn';
import { useRuntimeConfig } from '@/features/auth/hooks/use-runtime-config';
import { useMe } from '@/features/users/api/get-me';
import { useShortcuts } from '@/features/workspace/hooks/use-shortcuts';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';

const navLink = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-2 py-1 text-sm font-medium',
    isActive
      ? 'bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-white'
      : 'text-slate-700 dark:text-slate-300',
  );

/** The signed-in frame: header (navigation, status, theme, account), the page, the palette and dialogs. */
// cmdk and its dialog load on the first Ctrl+K, not with the first screen
const CommandPalette = lazy(() =>
  import('@/features/workspace/components/command-palette').then((m) => ({ default: m.CommandPalette })),
);

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
    startRealtime(config, queryClient)
      .then((s) => (cancelled ? s() : (stop = s)))
      .catch(() => undefined); // no live updates (the realtime server is down): the app still works
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [config, queryClient, userId]);

  const doSignOut = () => {
    void signOut().then((url) => {
      clearApiCache();
      queryClient.clear();
      window.location.assign(url);
    });
  };

  const name = me.data?.name ?? user?.name ?? user?.email ?? 'Account';
  return (
    <div className="flex h-full flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <img src="/icons/icon-192.png" alt="" width={24} height={24} className="rounded" />
        <span className="font-semibold">Oversing</span>
        <nav aria-label="Main" className="flex gap-1">
          <NavLink to="/" end className={navLink}>
            Workspace
          </NavLink>
          <NavLink to="/programs" className={navLink}>
            Programs
          </NavLink>
          <NavLink to="/admin" className={navLink}>
            Administration
          </NavLink>
        </nav>
        <span className="flex-1" />
        <PresenceAvatars />
        <OfflineBadge />
        <Button
          variant="ghost"
          onClick={() => usePaletteStore.getState().setOpen(true)}
          aria-keyshortcuts="Control+K"
        >
          <span className="hidden sm:inline">Commands</span>
          <kbd className="rounded border border-slate-300 px-1 text-xs dark:border-slate-600">Ctrl K</kbd>
        </Button>
        <Button
          variant="ghost"
          onClick={toggle}
          aria-label={theme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </Button>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <Button variant="secondary" aria-label={`Account: ${name}`}>
              <span className="max-w-32 truncate">{name}</span>
            </Button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              align="end"
              className="min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
            >
              <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-600 dark:text-slate-300">
                {me.data?.email ?? user?.email}
              </DropdownMenu.Label>
              <NotificationsToggle />
              <DropdownMenu.Item
                onSelect={doSignOut}
                className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
                Sign out
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </header>
      <main id="main" className="min-h-0 flex-1 overflow-auto">
        <Outlet />
      </main>
      {paletteOpened && (
        <Suspense fallback={null}>
          <CommandPalette onSignOut={doSignOut} />
        </Suspense>
      )}
      <ConflictDialog />
    </div>
  );
}
