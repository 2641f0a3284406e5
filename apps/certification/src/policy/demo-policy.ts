import { canonicalize } from '@oversing/verifier';
import type { PolicyInput, PolicyView } from './policies.service';

/** Key of the demo governance policy seeded by `npm run cli -- seed:demo-policy` (and by `npm start`). */
export const DEMO_POLICY_KEY = 'demo-governance';

/**
 * The demo tenant's governance policy. It exercises every kind of rule the engine has, the way a
 * compliance team would use it for assistant answers:
 *
 * - hard rules (any failure rejects): length 20..4000 characters; no secret markers
 *   (`CONFIDENTIAL`, `TOP SECRET`) and no credentials (`api_key=…`, `-----BEGIN … PRIVATE KEY-----`);
 *   provider in openai / anthropic / azure-openai;
 * - soft rules (each failure adds its weight to the risk score, capped at 1):
 *   personal data (emails, phone numbers, Luhn-valid card numbers, IBANs, US SSNs): 0.6;
 *   fewer than one citation (`[1]`-style reference or an http(s) URL): 0.6;
 *   absolute language ("guaranteed", "always safe", "100% accurate"): 0.3;
 *   a json-logic check that the model is named (`model` not empty): 0.2;
 * - thresholds: a risk above 0.5 goes to human review by a compliance officer (status pending_review
 *   until approved or rejected); 0.5 or less is certified at once. So one soft failure among absolute
 *   language or an unnamed model still certifies, while PII or a missing citation needs a reviewer;
 * - certificates expire after 365 days.
 */
export const DEMO_POLICY: PolicyInput = {
  key: DEMO_POLICY_KEY,
  name: 'Demo governance policy (assistant answers)',
  rules: {
    min_length: 20,
    max_length: 4000,
    forbidden_patterns: [
      { name: 'classification-marker', pattern: '\\b(?:CONFIDENTIAL|TOP SECRET)\\b', hard: true },
      {
        name: 'credential',
        pattern: '(?:api[_-]?key\\s*[:=]\\s*\\S{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)',
        flags: 'i',
        hard: true,
      },
      {
        name: 'absolute-claim',
        pattern: '\\b(?:guaranteed|always safe|100% accurate)\\b',
        flags: 'i',
        hard: false,
        weight: 0.3,
      },
    ],
    pii: { detectors: ['email', 'phone', 'card', 'iban', 'national_id'], action: 'review', weight: 0.6 },
    required_citations: { min: 1, pattern: '\\[\\d+\\]|https?://\\S+' },
    allowed_providers: ['openai', 'anthropic', 'azure-openai'],
    custom: [
      {
        name: 'model-named',
        expression: { '!=': [{ var: 'model' }, ''] },
        hard: false,
        weight: 0.2,
      },
    ],
  },
  thresholds: { review_above: 0.5 },
  validity_days: 365,
};

/** Whether a stored version already says exactly what DEMO_POLICY says (then seeding does nothing). */
export function sameAsDemoPolicy(
  view: Pick<PolicyView, 'name' | 'rules' | 'thresholds' | 'validity_days'>,
): boolean {
  const pick = (p: Pick<PolicyView, 'name' | 'rules' | 'thresholds' | 'validity_days'>): string =>
    canonicalize({ name: p.name, rules: p.rules, thresholds: p.thresholds, validity_days: p.validity_days });
  return (
    pick(view) ===
    pick({
      name: DEMO_POLICY.name,
      rules: DEMO_POLICY.rules,
      thresholds: DEMO_POLICY.thresholds ?? {},
      validity_days: DEMO_POLICY.validity_days ?? null,
    })
  );
}
