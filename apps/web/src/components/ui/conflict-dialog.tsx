import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import type { Conflict } from '@/lib/offline/mutation-queue';
import { useOfflineStore } from '@/lib/offline/offline-store';
import { submitMutation } from '@/lib/offline/sync';
import { UserName } from '@/lib/users/user-name';

/** `due_date` → "Due date", `program_id` → "Program". */
export function fieldLabel(field: string): string {
  const words = field.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value in words: empty, yes/no, `in_progress` → "in progress". */
export function valueInWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return /^[a-z]+(_[a-z]+)+$/.test(value) ? value.replace(/_/g, ' ') : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A value as words; a person (the assignee) by name rather than by id. */
function Value({ field, value }: { field: string; value: unknown }) {
  if (field === 'assignee_id' && typeof value === 'string' && value) return <UserName id={value} />;
  return <>{valueInWords(value)}</>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function Comparison({ conflict }: { conflict: Conflict }) {
  const mine = (conflict.mutation.body ?? {}) as Record<string, unknown>;
  const before = conflict.mutation.before ?? {};
  const theirs = conflict.theirs;
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">Your change and theirs, field by field</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th scope="col" className="py-1 pr-2">
            Field
          </th>
          <th scope="col" className="py-1 pr-2">
            You changed it
          </th>
          {theirs && (
            <th scope="col" className="py-1">
              Now on the server
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {Object.entries(mine).map(([field, value]) => {
          const changedByThem = theirs && field in before && !same(theirs[field], before[field]);
          return (
            <tr key={field} className="border-b border-slate-100 align-top dark:border-slate-800">
              <th scope="row" className="py-1 pr-2 font-medium">
                {fieldLabel(field)}
              </th>
              <td className="py-1 pr-2">
                {field in before ? (
                  <>
                    from “<Value field={field} value={before[field]} />” to “
                    <Value field={field} value={value} />”
                  </>
                ) : (
                  <>
                    to “<Value field={field} value={value} />”
                  </>
                )}
              </td>
              {theirs && (
                <td className="py-1">
                  {changedByThem ? (
                    <strong>
                      they changed it to “<Value field={field} value={theirs[field]} />”
                    </strong>
                  ) : (
                    <>
                      unchanged (“
                      <Value field={field} value={theirs[field]} />
                      ”)
                    </>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Offline changes the server refused on replay (its version check: 409/412, or a validation error), shown
 * one at a time: your change and the server's version field by field, in words; the user keeps either.
 * Keeping yours sends your changed fields again on the version now on the server.
 */
export function ConflictDialog() {
  const { conflicts, resolveConflict } = useOfflineStore();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const conflict = conflicts[0];
  const versionConflict = conflict && (conflict.status === 409 || conflict.status === 412);
  const canKeepMine = versionConflict && conflict.mutation.method === 'PATCH' && !!conflict.theirEtag;

  const keepMine = async (c: Conflict) => {
    setBusy(true);
    setError(null);
    try {
      await submitMutation({
        method: c.mutation.method,
        path: c.mutation.path,
        body: c.mutation.body,
        before: c.theirs
          ? Object.fromEntries(Object.keys(c.mutation.body as object).map((k) => [k, c.theirs![k]]))
          : undefined,
        ifMatch: c.theirEtag,
        label: c.mutation.label,
        invalidate: c.mutation.invalidate,
      });
      resolveConflict(c.mutation.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={!!conflict}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 max-h-[90vh] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">A change made offline was not applied</Dialog.Title>
          {conflict && (
            <>
              <Dialog.Description className="mt-2 text-sm">
                “{conflict.mutation.label}”:{' '}
                {versionConflict
                  ? 'Someone changed it while you were offline. Compare and keep your change or theirs.'
                  : `the server refused it: ${conflict.message}`}
              </Dialog.Description>
              {conflict.mutation.body !== undefined && <Comparison conflict={conflict} />}
              {error !== null && (
                <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
                  {describeError(error)}
                </p>
              )}
              <div className="mt-4 flex flex-wrap justify-end gap-2">
                {canKeepMine ? (
                  <>
                    <Button
                      variant="secondary"
                      disabled={busy}
                      onClick={() => resolveConflict(conflict.mutation.id)}
                    >
                      Keep theirs
                    </Button>
                    <Button disabled={busy} onClick={() => void keepMine(conflict)}>
                      Keep mine
                    </Button>
                  </>
                ) : (
                  <Button onClick={() => resolveConflict(conflict.mutation.id)}>Discard my change</Button>
                )}
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
