import { Dialog } from 'radix-ui';
import { Button } from '@/components/ui/button';
import { useOfflineStore } from '@/lib/offline/offline-store';

/**
 * Offline changes the server refused on replay (its version check: 409/412, or a validation error), shown
 * one at a time so the user decides; nothing is dropped silently.
 */
export function ConflictDialog() {
  const { conflicts, resolveConflict } = useOfflineStore();
  const conflict = conflicts[0];
  return (
    <Dialog.Root open={!!conflict}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">A change made offline was not applied</Dialog.Title>
          {conflict && (
            <>
              <Dialog.Description className="mt-2 text-sm">
                “{conflict.mutation.label}” ({conflict.mutation.method} {conflict.mutation.path}) was refused:{' '}
                {conflict.message}
                {conflict.status === 409 || conflict.status === 412
                  ? ' Someone changed it while you were offline. Review the current version and apply your change again.'
                  : ''}
              </Dialog.Description>
              <pre className="mt-3 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                {JSON.stringify(conflict.mutation.body ?? null, null, 2)}
              </pre>
              <div className="mt-4 flex justify-end gap-2">
                <Button
                  variant="secondary"
                  onClick={() =>
                    void navigator.clipboard?.writeText(JSON.stringify(conflict.mutation.body ?? null))
                  }
                >
                  Copy my change
                </Button>
                <Button onClick={() => resolveConflict(conflict.mutation.id)}>Discard my change</Button>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
