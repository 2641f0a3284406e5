import type { BundleVerification } from '@oversing/verifier';

const LABELS: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  hashes: 'Hashes',
  policy: 'Policy',
  inclusion: 'Inclusion proof',
  checkpoint: 'Checkpoint signature',
  status: 'Status proof',
  timestamp: 'Timestamp',
  revocation: 'Revocation',
  expiry: 'Expiry',
};

/** Each check of an in-browser bundle verification, passed or failed, with its detail. */
export function BundleChecks({ result, label }: { result: BundleVerification; label: string }) {
  return (
    <section aria-label={label} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <p
        role="status"
        className={
          result.ok
            ? 'font-semibold text-emerald-800 dark:text-emerald-300'
            : 'font-semibold text-red-700 dark:text-red-400'
        }
      >
        {result.ok ? 'Bundle verified: every check passed' : 'Verification failed'}
      </p>
      <ul className="mt-1 space-y-0.5 text-sm">
        {result.checks.map((c) => (
          <li key={c.name}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span>{' '}
            <span className="font-medium">{LABELS[c.name] ?? c.name}</span>: {c.ok ? 'passed' : 'failed'} —{' '}
            <span className="break-words">{c.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
