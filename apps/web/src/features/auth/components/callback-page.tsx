import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { completeSignIn } from '@/lib/auth/oauth';
import { startSession } from '@/lib/auth/session';
import { useRuntimeConfig } from '@/features/auth/hooks/use-runtime-config';

/** /auth/callback: redeems the authorization code once, then returns where the user was going. */
export function CallbackPage() {
  const config = useRuntimeConfig();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn(config, new URL(window.location.href))
      .then(async ({ tokens, returnTo }) => {
        await startSession(tokens);
        await navigate(returnTo, { replace: true });
      })
      .catch(setError);
  }, [config, navigate]);

  if (error !== null)
    return (
      <main className="mx-auto max-w-md p-4">
        <ErrorState title="Sign-in did not complete" error={error} />
        <Link className="m-4 inline-block text-brand-600 underline" to="/">
          Back to sign in
        </Link>
      </main>
    );
  return (
    <main className="p-4">
      <Spinner label="Signing you in…" />
    </main>
  );
}
