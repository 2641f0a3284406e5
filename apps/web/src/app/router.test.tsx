import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/lib/auth/auth-store';
import { runtimeConfigQuery, type RuntimeConfig } from '@/lib/runtime-config';
import { AppRoutes } from '@/app/router';

// the signed-in code must not load for a signed-out visitor: importing the shell fails this test
vi.mock('@/app/app-shell', () => {
  throw new Error('the shell was loaded for a signed-out visitor');
});
vi.mock('@/app/workspace-page', () => {
  throw new Error('the workspace was loaded for a signed-out visitor');
});

const config: RuntimeConfig = {
  api_url: 'http://localhost:3000',
  certification_url: 'http://localhost:3100',
  oauth: {
    issuer: 'http://localhost:3000',
    client_id: 'oversing-web',
    api_audience: 'urn:oversing:api',
    certification_audience: 'urn:oversing:certification',
  },
  realtime: {
    host: 'localhost',
    port: 6001,
    scheme: 'ws',
    key: 'k',
    auth_endpoint: 'http://localhost:3000/api/v1/broadcasting/auth',
  },
};

function renderAt(path: string) {
  const client = new QueryClient();
  client.setQueryData(runtimeConfigQuery.queryKey, config);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => useAuthStore.getState().set('loading', null));

describe('the routes', () => {
  it('says it is restoring the session before it knows who is signed in', () => {
    renderAt('/');
    expect(screen.getByText('Restoring your session…')).toBeInTheDocument();
  });

  it.each(['/', '/programs', '/admin'])(
    'shows the sign-in screen at %s when signed out, without loading the signed-in screens',
    async (path) => {
      useAuthStore.getState().set('signed-out', null);
      renderAt(path);
      expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 1, name: 'Oversing' })).toBeInTheDocument();
    },
  );
});
