import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { configureApiClient } from '@/lib/api-client';
import { configureCertificationClient } from '@/lib/certification-client';
import { configureSession, restoreSession } from '@/lib/auth/session';
import { startOfflineSync } from '@/lib/offline/sync';
import { onFirstControl, registerServiceWorker } from '@/lib/pwa/register-sw';
import { createQueryClient } from '@/lib/query-client';
import { runtimeConfigQuery } from '@/lib/runtime-config';
import { applyTheme, useThemeStore } from '@/lib/theme';
import { BootstrapError } from '@/app/bootstrap-error';
import { AppRoutes } from '@/app/router';
import './index.css';

applyTheme(useThemeStore.getState().theme);
registerServiceWorker();

const queryClient = createQueryClient();
onFirstControl(() => void queryClient.invalidateQueries());
const root = createRoot(document.getElementById('root')!);

async function boot() {
  try {
    const config = await queryClient.fetchQuery(runtimeConfigQuery);
    configureSession(config);
    configureApiClient(config);
    configureCertificationClient(config);
    startOfflineSync(queryClient, config.api_url);
    if (window.location.pathname !== '/auth/callback') void restoreSession();
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(<BootstrapError error={error} />);
  }
}

void boot();
