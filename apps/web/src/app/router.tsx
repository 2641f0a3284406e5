import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useAuthStore } from '@/lib/auth/auth-store';
import { CallbackPage } from '@/features/auth/components/callback-page';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { PanelContentProvider } from '@/features/workspace/components/panel-content';
import { Workspace } from '@/features/workspace/components/workspace';
import { AppShell } from '@/app/app-shell';
import { renderPanel } from '@/app/panel-content';

/** Signed-in routes render in the shell; signed out, every route shows the sign-in page. */
function RequireSession() {
  const status = useAuthStore((s) => s.status);
  if (status === 'loading') return <Spinner label="Restoring your session…" />;
  if (status === 'signed-out') return <SignInPage />;
  return <Outlet />;
}

export const router = createBrowserRouter([
  { path: '/auth/callback', element: <CallbackPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            index: true,
            element: (
              <PanelContentProvider value={renderPanel}>
                <Workspace />
              </PanelContentProvider>
            ),
          },
          // screens other than the first load on demand, keeping the first screen's JavaScript small
          {
            path: 'programs',
            lazy: async () => ({
              Component: (await import('@/features/programs/components/programs-page')).ProgramsPage,
            }),
          },
          {
            path: 'admin',
            lazy: async () => ({
              Component: (await import('@/features/admin/components/admin-page')).AdminPage,
            }),
          },
          { path: '*', element: <Navigate to="/" replace /> },
        ],
      },
    ],
  },
]);
