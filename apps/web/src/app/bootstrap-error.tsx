import { ErrorState } from '@/components/ui/error-state';

/** Shown when the app cannot load its configuration (API unreachable on a first, uncached visit). */
export function BootstrapError({ error }: { error: unknown }) {
  return (
    <main className="mx-auto max-w-md p-4">
      <h1 className="text-xl font-semibold">Oversing cannot start</h1>
      <ErrorState
        title="The configuration could not be loaded"
        error={error}
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
