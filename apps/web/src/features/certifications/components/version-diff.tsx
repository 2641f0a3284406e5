import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useCertificationContent } from '@/features/certifications/api/get-certification-content';
import { useCertificationVersions } from '@/features/certifications/api/list-certification-versions';
import { diffLines, outputText } from '@/features/certifications/utils/review-text';

const field =
  'ml-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/**
 * The other certified versions of this output (GET …/versions) and, for the one chosen (by default the
 * version before this one), a line diff of the two outputs: removed lines, added lines, kept lines.
 */
export function VersionDiff({ certificationId }: { certificationId: string }) {
  const versions = useCertificationVersions(certificationId);
  const [other, setOther] = useState<string | null>(null);
  if (versions.isPending) return <Spinner label="Loading the versions…" />;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  const list = versions.data;
  const index = list.findIndex((v) => v.id === certificationId);
  const others = list.filter((v) => v.id !== certificationId);
  if (index < 0 || others.length === 0)
    return (
      <section aria-label="Versions">
        <h4 className="font-semibold">Versions</h4>
        <p>This is the only version of the output.</p>
      </section>
    );
  const chosen = other ?? list[index > 0 ? index - 1 : index + 1]!.id;
  const label = (id: string) => {
    const i = list.findIndex((v) => v.id === id);
    return `version ${i + 1} (${list[i]!.number}, ${list[i]!.status})`;
  };
  const older = list.findIndex((v) => v.id === chosen) < index;
  return (
    <section aria-label="Versions" className="space-y-1">
      <h4 className="font-semibold">
        Versions: this is {label(certificationId)} of {list.length}
      </h4>
      <label className="block">
        Compare with
        <select className={field} value={chosen} onChange={(e) => setOther(e.target.value)}>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {label(v.id)}
            </option>
          ))}
        </select>
      </label>
      <Diff
        beforeId={older ? chosen : certificationId}
        afterId={older ? certificationId : chosen}
        caption={`Changes from ${label(older ? chosen : certificationId)} to ${label(older ? certificationId : chosen)}`}
      />
    </section>
  );
}

function Diff({ beforeId, afterId, caption }: { beforeId: string; afterId: string; caption: string }) {
  const before = useCertificationContent(beforeId);
  const after = useCertificationContent(afterId);
  if (before.isPending || after.isPending) return <Spinner label="Loading the outputs…" />;
  if (before.isError) return <ErrorState error={before.error} onRetry={() => void before.refetch()} />;
  if (after.isError) return <ErrorState error={after.error} onRetry={() => void after.refetch()} />;
  if (before.data === null || after.data === null)
    return <p className="italic">Content erased: the outputs can no longer be compared.</p>;
  const lines = diffLines(outputText(before.data.output), outputText(after.data.output));
  if (lines.every((l) => l.kind === 'same')) return <p>The two outputs are identical.</p>;
  return (
    <ol
      aria-label={caption}
      className="rounded-md border border-slate-200 font-mono text-xs dark:border-slate-700"
    >
      {lines.map((line, i) => (
        <li
          key={i}
          className={
            line.kind === 'added'
              ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
              : line.kind === 'removed'
                ? 'bg-red-50 text-red-900 line-through dark:bg-red-950 dark:text-red-100'
                : 'text-slate-700 dark:text-slate-300'
          }
        >
          <span className="sr-only">
            {line.kind === 'added' ? 'Added: ' : line.kind === 'removed' ? 'Removed: ' : 'Unchanged: '}
          </span>
          <span aria-hidden="true">
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
          </span>
          <span className="whitespace-pre-wrap">{line.text || ' '}</span>
        </li>
      ))}
    </ol>
  );
}
