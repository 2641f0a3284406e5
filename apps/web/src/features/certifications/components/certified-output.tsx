import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useCertificationContent } from '@/features/certifications/api/get-certification-content';
import { outputText, segmentsOf, type Finding } from '@/features/certifications/utils/review-text';

const KIND_WORDS: Record<string, string> = {
  email: 'email address',
  phone: 'phone number',
  card: 'card number',
  iban: 'IBAN',
  national_id: 'national id',
};

/**
 * The output under review, as the policy's rules read it, with what the detectors found (personal data)
 * highlighted; "Content erased" once the certified content was erased (the bundle no longer carries it).
 */
export function CertifiedOutput({
  certificationId,
  findings,
}: {
  certificationId: string;
  findings: readonly Finding[];
}) {
  const content = useCertificationContent(certificationId);
  return (
    <section aria-label="Certified output" className="space-y-1">
      <h4 className="font-semibold">Output</h4>
      {content.isPending && <Spinner label="Loading the output…" />}
      {content.isError && <ErrorState error={content.error} onRetry={() => void content.refetch()} />}
      {content.data === null && (
        <p className="text-slate-600 italic dark:text-slate-300">
          Content erased: the certificate and its hashes remain, the text does not.
        </p>
      )}
      {content.data && <HighlightedText text={outputText(content.data.output)} findings={findings} />}
    </section>
  );
}

function HighlightedText({ text, findings }: { text: string; findings: readonly Finding[] }) {
  const segments = segmentsOf(text, findings);
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return (
    <>
      {counts.size > 0 && (
        <p>
          Personal data found:{' '}
          {[...counts].map(([kind, n]) => `${n} ${KIND_WORDS[kind] ?? kind}${n > 1 ? 's' : ''}`).join(', ')}{' '}
          (highlighted).
        </p>
      )}
      <pre className="rounded-md border border-slate-200 bg-slate-50 p-2 font-sans text-sm break-words whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-900">
        {segments.map((s, i) =>
          s.kinds.length ? (
            <mark
              key={i}
              data-finding={s.kinds.join(' ')}
              className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-300"
            >
              {s.text}
              <span className="sr-only">
                {' '}
                (personal data: {s.kinds.map((k) => KIND_WORDS[k] ?? k).join(', ')})
              </span>
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </pre>
    </>
  );
}
