import { useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { beginSignIn } from '@/lib/auth/oauth';
import { useRuntimeConfig } from '@/features/auth/hooks/use-runtime-config';

/** Signed out: one button to the authorization server's sign-in page (authorization code + PKCE). */
export function SignInPage() {
  const config = useRuntimeConfig();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const returnTo =
        location.pathname === '/auth/callback' ? '/' : `${location.pathname}${location.search}`;
      window.location.assign(await beginSignIn(config, returnTo));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main className="flex min-h-full items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 p-6 text-center shadow-sm dark:border-slate-700">
        <img src="/icons/icon-192.png" alt="" width={56} height={56} className="mx-auto rounded-xl" />
        <h1 className="mt-3 text-2xl font-semibold">Oversing</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Programs, tasks, time, money and certifications.
        </p>
        <Button className="mt-5 w-full" onClick={() => void signIn()} disabled={busy}>
          {busy ? 'Redirecting…' : 'Sign in'}
        </Button>
        {error !== null && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {describeError(error)}
          </p>
        )}
      </div>
    </main>
  );
}
