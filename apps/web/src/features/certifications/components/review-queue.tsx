import { useQueryClient } from '@tanstack/react-query';
import { verifyBundle, type BundleVerification } from '@oversing/verifier';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/api-error';
import { useAuthStore } from '@/lib/auth/auth-store';
import { getApiBundle } from '@/features/certifications/api/get-api-bundle';
import { trustQuery } from '@/features/certifications/api/get-trust';
import { useCertification, useCertificationAudit } from '@/features/certifications/api/get-certification';
import { useDecideCertification, type Decision } from '@/features/certifications/api/decide-certification';
import {
  useReviewQueue,
  type CertificationSummary,
  type ReviewFilters,
} from '@/features/certifications/api/list-review-queue';
import { BundleChecks } from '@/features/certifications/components/bundle-checks';
import { CertifiedOutput } from '@/features/certifications/components/certified-output';
import { PolicyResults } from '@/features/certifications/components/policy-results';
import { VersionDiff } from '@/features/certifications/components/version-diff';
import { ActorName } from '@/lib/users/user-name';

const field =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

const STATUSES = ['pending_review', 'certified', 'approved', 'rejected', 'revoked', 'expired'];

/** The signed-in person requested it: the four-eyes rule forbids their approving or rejecting it. */
export function isOwnRequest(createdBy: string | null, userId: string | undefined): boolean {
  return !!userId && createdBy === `user:${userId}`;
}

function DecisionForm({
  certification,
  decisions,
}: {
  certification: { id: string; number: string };
  decisions: Decision[];
}) {
  const decide = useDecideCertification();
  const [reason, setReason] = useState('');
  const submit = (decision: Decision) => (e?: FormEvent) => {
    e?.preventDefault();
    decide.mutate(
      { id: certification.id, decision, reason: reason.trim() },
      { onSuccess: () => setReason('') },
    );
  };
  const ready = reason.trim().length >= 3 && !decide.isPending;
  return (
    <form
      aria-label={`Decide on ${certification.number}`}
      onSubmit={submit(decisions[0])}
      className="space-y-2"
    >
      <label htmlFor={`reason-${certification.id}`} className="block text-sm font-medium">
        Reason (required)
      </label>
      <textarea
        id={`reason-${certification.id}`}
        rows={2}
        required
        minLength={3}
        className={field}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        {decisions.includes('approve') && (
          <Button type="button" onClick={() => submit('approve')()} disabled={!ready}>
            Approve
          </Button>
        )}
        {decisions.includes('reject') && (
          <Button type="button" variant="danger" onClick={() => submit('reject')()} disabled={!ready}>
            Reject
          </Button>
        )}
        {decisions.includes('revoke') && (
          <Button type="button" variant="danger" onClick={() => submit('revoke')()} disabled={!ready}>
            Revoke
          </Button>
        )}
      </div>
      {decide.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(decide.error)}
        </p>
      )}
    </form>
  );
}

/** The selected certification: what the list knows of it, while the service's detail loads. */
interface Selected {
  id: string;
  number: string;
  status: string;
  risk_score: number;
  created_by: string | null;
  provider: string;
  model: string;
  task_id: string | null;
  task_title?: string | null;
}

function ReviewDetail({ id, summary }: { id: string; summary: CertificationSummary | null }) {
  const queryClient = useQueryClient();
  const userId = useAuthStore((s) => s.user?.sub);
  const detail = useCertification(id);
  const audit = useCertificationAudit(id);
  const [verification, setVerification] = useState<BundleVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  // the service's detail is the fresher status; the list's summary shows meanwhile (and names the task)
  const current: Selected | null = detail.data
    ? { ...detail.data, task_title: summary?.task_title }
    : summary;
  if (!current) {
    if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
    return <Spinner label="Loading the certification…" />;
  }
  const own = isOwnRequest(current.created_by, userId);

  const verify = async () => {
    setError(null);
    try {
      const [bundle, trust] = await Promise.all([getApiBundle(id), queryClient.fetchQuery(trustQuery)]);
      setVerification(await verifyBundle(bundle, trust));
    } catch (e) {
      setError(e);
    }
  };
  const download = async () => {
    setError(null);
    try {
      const bundle = await getApiBundle(id);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = `${current.number}.bundle.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e);
    }
  };
  const decisions: Decision[] =
    current.status === 'pending_review'
      ? own
        ? ['revoke']
        : ['approve', 'reject', 'revoke']
      : current.status === 'certified' || current.status === 'approved'
        ? ['revoke']
        : [];
  const findings = (detail.data?.policy_results ?? []).flatMap((r) => (r.passed ? [] : (r.findings ?? [])));

  return (
    <section
      aria-label={`Review of ${current.number}`}
      className="space-y-3 border-t border-slate-200 pt-2 text-sm"
    >
      <h3 className="font-semibold">
        {current.number} · {current.status} · risk {current.risk_score}
      </h3>
      <p>
        Task: {current.task_title ?? current.task_id ?? '—'} · {current.provider}/{current.model} · requested
        by {current.created_by ?? 'unknown'}
      </p>
      {own && current.status === 'pending_review' && (
        <p
          role="note"
          className="rounded bg-amber-50 p-2 text-amber-900 dark:bg-amber-900/30 dark:text-amber-100"
        >
          Four-eyes rule: you requested this certification, so another compliance officer must approve or
          reject it.
        </p>
      )}
      {decisions.length > 0 && <DecisionForm certification={current} decisions={decisions} />}
      {detail.isPending && <Spinner label="Loading policy results…" />}
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && <PolicyResults detail={detail.data} />}
      <CertifiedOutput certificationId={id} findings={findings} />
      <VersionDiff certificationId={id} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void download()}>
          Download bundle
        </Button>
        <Button variant="secondary" onClick={() => void verify()}>
          Verify in this browser
        </Button>
      </div>
      {error !== null && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {describeError(error)}
        </p>
      )}
      {verification && <BundleChecks result={verification} label={`Verification of ${current.number}`} />}
      <details>
        <summary className="cursor-pointer font-medium">Audit trail</summary>
        {audit.data && (
          <ol aria-label="Audit trail" className="mt-1 space-y-1">
            {audit.data.map((entry) => (
              <li key={entry.id}>
                {new Date(entry.at).toLocaleString()} · {entry.event} · <ActorName actor={entry.actor} />
                {entry.reason ? ` · ${entry.reason}` : ''}
              </li>
            ))}
          </ol>
        )}
        {audit.isError && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      </details>
    </section>
  );
}

/**
 * The compliance officer's review queue: certifications of every task (no task to select first), pending
 * ones by default and oldest first, filtered by minimum risk, failed policy rule and policy; a detail
 * with the policy results in words, the output with personal data highlighted, the differences from
 * its other versions, approve/reject with a required reason (four-eyes shown), revoke, the audit
 * trail, bundle download and in-browser verification. Realtime events refresh it when another officer
 * decides.
 */
export function ReviewQueue() {
  const [filters, setFilters] = useState<ReviewFilters>({ status: 'pending_review' });
  // the certification shown lives in the URL (?certification=<id>), so a task's badge can link to it
  const [params, setParams] = useSearchParams();
  const selected = params.get('certification');
  const setSelected = (id: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('certification', id);
      return next;
    });
  const queue = useReviewQueue(filters);
  const set = (key: keyof ReviewFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value || undefined, ...(key === 'status' ? { status: value } : {}) }));
  const summary = queue.data?.find((c) => c.id === selected) ?? null;
  return (
    <div className="space-y-3 p-3">
      <form
        aria-label="Review queue filters"
        className="grid grid-cols-2 gap-2 text-sm"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Status
          <select className={field} value={filters.status} onChange={(e) => set('status')(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Minimum risk
          <input
            className={field}
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={filters.riskMin ?? ''}
            onChange={(e) => set('riskMin')(e.target.value)}
          />
        </label>
        <label>
          Failed rule
          <input className={field} value={filters.rule ?? ''} onChange={(e) => set('rule')(e.target.value)} />
        </label>
        <label>
          Policy
          <input
            className={field}
            value={filters.policy ?? ''}
            onChange={(e) => set('policy')(e.target.value)}
          />
        </label>
      </form>
      {queue.isPending && <Spinner label="Loading the review queue…" />}
      {queue.isError && <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data?.length === 0 && (
        <EmptyState title="Nothing to review">No certification matches.</EmptyState>
      )}
      {queue.data && queue.data.length > 0 && (
        <ul aria-label="Review queue" className="space-y-1">
          {queue.data.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-pressed={c.id === selected}
                onClick={() => setSelected(c.id)}
                className="w-full rounded-md border border-slate-200 p-2 text-left text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                <span className="font-medium">{c.number}</span> · {c.task_title ?? 'no task'} · risk{' '}
                {c.risk_score}
                {c.failed_rules.length > 0 && <> · failed: {c.failed_rules.join(', ')}</>} ·{' '}
                {new Date(c.created_at).toLocaleString()}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && <ReviewDetail key={selected} id={selected} summary={summary} />}
    </div>
  );
}
