import { useQueryClient } from '@tanstack/react-query';
import { verifyBundle, type BundleVerification } from '@oversing/verifier';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/api-error';
import { getBundle } from '@/features/certifications/api/get-bundle';
import { trustQuery } from '@/features/certifications/api/get-trust';
import { useCertifications, type Certification } from '@/features/certifications/api/list-certifications';
import { usePolicies } from '@/features/certifications/api/list-policies';
import { useRequestCertification } from '@/features/certifications/api/request-certification';
import { useRevokeCertification } from '@/features/certifications/api/revoke-certification';
import { BundleChecks } from '@/features/certifications/components/bundle-checks';

const field =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

function RequestForm({ taskId }: { taskId: string }) {
  const policies = usePolicies();
  const certify = useRequestCertification();
  const [output, setOutput] = useState('');
  const [model, setModel] = useState('gpt-4o');
  const [policyKey, setPolicyKey] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = policyKey || policies.data?.[0]?.key;
    certify.mutate(
      {
        input: { task_id: taskId },
        output,
        provider: 'openai',
        model,
        task_id: taskId,
        ...(key ? { policy_key: key } : {}),
      },
      { onSuccess: () => setOutput('') },
    );
  };
  return (
    <form aria-label="Request a certification" onSubmit={submit} className="space-y-2">
      <div>
        <label htmlFor={`llm-output-${taskId}`} className="block text-sm font-medium">
          LLM output
        </label>
        <textarea
          id={`llm-output-${taskId}`}
          rows={3}
          required
          className={field}
          value={output}
          onChange={(e) => setOutput(e.target.value)}
        />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`llm-model-${taskId}`} className="block text-sm font-medium">
            Model
          </label>
          <input
            id={`llm-model-${taskId}`}
            required
            className={field}
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`policy-${taskId}`} className="block text-sm font-medium">
            Policy
          </label>
          <select
            id={`policy-${taskId}`}
            className={field}
            value={policyKey}
            onChange={(e) => setPolicyKey(e.target.value)}
          >
            {policies.data?.map((p) => (
              <option key={p.id} value={p.key}>
                {p.name} (v{p.version})
              </option>
            ))}
          </select>
        </div>
      </div>
      {certify.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(certify.error)}
        </p>
      )}
      <Button type="submit" disabled={certify.isPending || !output.trim()}>
        {certify.isPending ? 'Certifying…' : 'Request certification'}
      </Button>
    </form>
  );
}

function CertificationItem({ certification }: { certification: Certification }) {
  const queryClient = useQueryClient();
  const revoke = useRevokeCertification();
  const [result, setResult] = useState<BundleVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const [bundle, trust] = await Promise.all([
        getBundle(certification.id),
        queryClient.fetchQuery(trustQuery),
      ]);
      setResult(await verifyBundle(bundle, trust));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const doRevoke = () => {
    const reason = window.prompt('Why is this certification revoked?');
    if (reason?.trim()) revoke.mutate({ id: certification.id, reason: reason.trim() });
  };

  return (
    <li
      className="space-y-1 rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
      aria-label={`Certification ${certification.number}`}
    >
      <p>
        <span className="font-medium">{certification.number}</span> ·{' '}
        <span className="font-semibold">{certification.status}</span> · {certification.model} · policy v
        {certification.policy.version}
        {certification.risk_score !== null && <> · risk {certification.risk_score}</>}
      </p>
      {certification.jws && (
        <details>
          <summary className="cursor-pointer">Signed certificate</summary>
          <code className="block max-h-24 overflow-auto text-xs break-all">{certification.jws}</code>
        </details>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void verify()} disabled={busy}>
          {busy ? 'Verifying…' : 'Verify bundle in this browser'}
        </Button>
        <Button
          variant="danger"
          onClick={doRevoke}
          disabled={revoke.isPending || certification.status === 'revoked'}
        >
          Revoke
        </Button>
      </div>
      {(error !== null || revoke.error) && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {describeError(error ?? revoke.error)}
        </p>
      )}
      {result && (
        <BundleChecks result={result} label={`Verification of certification ${certification.number}`} />
      )}
    </li>
  );
}

/** Verifies a bundle the user pastes or uploads (e.g. one received by mail) against the service's trust file. */
function VerifyPasted() {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [result, setResult] = useState<BundleVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const verify = async () => {
    setError(null);
    setResult(null);
    try {
      const parsed = JSON.parse(text) as { data?: unknown };
      const bundle = parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
      setResult(await verifyBundle(bundle, await queryClient.fetchQuery(trustQuery)));
    } catch (e) {
      setError(e instanceof SyntaxError ? new Error('This is not JSON.') : e);
    }
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">Verify a bundle file</summary>
      <div className="mt-1 space-y-2">
        <label htmlFor="bundle-file" className="block">
          Bundle file
        </label>
        <input
          id="bundle-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
        />
        <label htmlFor="bundle-json" className="block">
          Bundle JSON
        </label>
        <textarea
          id="bundle-json"
          rows={4}
          className={field}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button variant="secondary" onClick={() => void verify()} disabled={!text.trim()}>
          Verify pasted bundle
        </Button>
        {error !== null && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {describeError(error)}
          </p>
        )}
        {result && <BundleChecks result={result} label="Verification of the pasted bundle" />}
      </div>
    </details>
  );
}

/** Certifications of the task selected in the URL: request, status, certificate, verify, revoke. */
export function CertificationPanel() {
  const [params] = useSearchParams();
  const taskId = params.get('task');
  const certifications = useCertifications(taskId);
  if (!taskId)
    return (
      <div className="space-y-2 p-3">
        <EmptyState title="No task selected">Choose a task to certify its LLM output.</EmptyState>
        <VerifyPasted />
      </div>
    );
  return (
    <div className="space-y-3 p-3">
      <RequestForm taskId={taskId} />
      {certifications.isPending && <Spinner label="Loading certifications…" />}
      {certifications.isError && (
        <ErrorState error={certifications.error} onRetry={() => void certifications.refetch()} />
      )}
      {certifications.data && certifications.data.length === 0 && (
        <EmptyState title="No certification for this task yet" />
      )}
      {certifications.data && certifications.data.length > 0 && (
        <ul className="space-y-2" aria-label="Certifications">
          {certifications.data.map((c) => (
            <CertificationItem key={c.id} certification={c} />
          ))}
        </ul>
      )}
      <VerifyPasted />
    </div>
  );
}
