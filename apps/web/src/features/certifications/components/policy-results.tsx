import type { CertificationDetail } from '@/features/certifications/api/get-certification';
import { effectInWords, ruleInWords } from '@/features/certifications/utils/review-text';

/** The policy's verdict in words: a summary sentence, then each rule with its reason and effect. */
export function PolicyResults({ detail }: { detail: CertificationDetail }) {
  const results = detail.policy_results;
  const failed = results.filter((r) => !r.passed);
  const hard = failed.filter((r) => r.hard);
  const summary =
    results.length === 0
      ? 'The policy has no rules.'
      : failed.length === 0
        ? `All ${results.length} rules passed.`
        : hard.length > 0
          ? `${failed.length} of ${results.length} rules failed, ${hard.length} of them hard: the output cannot be certified.`
          : `${failed.length} of ${results.length} rules failed, adding up to a risk of ${detail.risk_score}.`;
  return (
    <section aria-label="Policy results" className="space-y-1">
      <h4 className="font-semibold">Policy results (version {detail.policy.version})</h4>
      <p>{summary}</p>
      <ul aria-label="Rules" className="space-y-1">
        {[...failed, ...results.filter((r) => r.passed)].map((rule) => (
          <li
            key={rule.name}
            className={
              rule.passed
                ? 'text-slate-600 dark:text-slate-300'
                : 'font-medium text-red-700 dark:text-red-400'
            }
          >
            <span aria-hidden="true">{rule.passed ? '✓ ' : '✗ '}</span>
            {ruleInWords(rule.name)}: {effectInWords(rule)} ({rule.reason})
          </li>
        ))}
      </ul>
    </section>
  );
}
