import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useAuthStore } from '@/lib/auth/auth-store';
import { CallbackPage } from '@/features/auth/components/callback-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';

/**
 * The first screen's JavaScript is the sign-in page's: everything signed-in (the shell, the workspace and
 * its panels, the other screens) is a chunk of its own, loaded once there is a session (docs/PERFORMANCE.md,
 * checked by apps/web/e2e/bundle-budget.e2e.ts). The routes are declarative (<Routes>) with React.lazy
 * screens: the data router (createBrowserRouter) would add some 50 KB to the entry for loaders this app
 * does not use, and it resolves a matched route's `lazy` before rendering, so a signed-out visit to
 * /programs would fetch the screen it cannot show (and warn "No HydrateFallback").
 */
const loadShell = () => import('@/app/app-shell');
const loadWorkspace = () => import('@/app/workspace-page');
const AppShell = lazy(() => loadShell().then((m) => ({ default: m.AppShell })));
const WorkspacePage = lazy(() => loadWorkspace().then((m) => ({ default: m.WorkspacePage })));
const ProgramsPage = lazy(() =>
  import('@/features/programs/components/programs-page').then((m) => ({ default: m.ProgramsPage })),
);
const AdminPage = lazy(() =>
  import('@/features/admin/components/admin-page').then((m) => ({ default: m.AdminPage })),
);
const NotificationSettingsPage = lazy(() =>
  import('@/features/notifications/components/notification-settings-page').then((m) => ({
    default: m.NotificationSettingsPage,
  })),
);

/** A screen whose code loads on demand, with a spinner meanwhile. */
function Screen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner label="Loading…" />}>{children}</Suspense>;
}

/** Signed-in routes render in the shell; signed out, every route shows the sign-in page. */
function RequireSession() {
  const status = useAuthStore((s) => s.status);
  // the workspace loads side by side with the shell rather than after it
  useEffect(() => {
    if (status === 'signed-in' && window.location.pathname === '/') void loadWorkspace();
  }, [status]);
  if (status === 'loading') return <Spinner label="Restoring your session…" />;
  if (status === 'signed-out') return <SignInPage />;
  return (
    <Suspense fallback={<Spinner label="Opening your workspace…" />}>
      <AppShell />
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/auth/callback" element={<CallbackPage />} />
      <Route element={<RequireSession />}>
        <Route
          index
          element={
            <Screen>
              <WorkspacePage />
            </Screen>
          }
        />
        <Route
          path="programs"
          element={
            <Screen>
              <ProgramsPage />
            </Screen>
          }
        />
        <Route
          path="admin"
          element={
            <Screen>
              <AdminPage />
            </Screen>
          }
        />
        <Route
          path="settings/notifications"
          element={
            <Screen>
              <NotificationSettingsPage />
            </Screen>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
