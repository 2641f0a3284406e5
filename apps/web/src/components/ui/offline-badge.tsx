import { useOfflineStore } from '@/lib/offline/offline-store';

/** Connectivity and queued changes, announced to screen readers when they change. */
export function OfflineBadge() {
  const { online, pending, replaying } = useOfflineStore();
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 text-xs">
      {!online && (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          Offline
        </span>
      )}
      {pending > 0 && (
        <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-900 dark:bg-slate-700 dark:text-slate-100">
          {replaying ? 'Syncing' : 'Pending'} {pending} {pending === 1 ? 'change' : 'changes'}
        </span>
      )}
    </div>
  );
}
