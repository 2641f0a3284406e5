import Ajv from 'ajv';
import jsonLogic from 'json-logic-js';
import { canonicalize } from '@oversing/verifier';
import { detectPii, PII_KINDS, PiiKind } from './pii-detectors';

/** A governance policy's rules (stored as JSON, hashed canonically to name the exact version). */
export interface PolicyRules {
  /** JSON Schema (draft 2020-12 subset ajv supports) the output must satisfy; a hard rule. */
  output_schema?: Record<string, unknown>;
  min_length?: number;
  max_length?: number;
  forbidden_patterns?: PatternRule[];
  required_patterns?: PatternRule[];
  pii?: { detectors?: PiiKind[]; action?: 'reject' | 'review'; weight?: number };
  required_citations?: { min: number; pattern?: string };
  allowed_providers?: string[];
  allowed_models?: string[];
  /** json-logic expressions over {input, output, output_text, provider, model, metadata}; true = pass. */
  custom?: { name: string; expression: unknown; hard?: boolean; weight?: number }[];
  /**
   * Human review. `four_eyes` (default true): the requester of a certification may not approve or
   * reject it; `false` relaxes that for this policy (a small team, a sandbox).
   */
  review?: { four_eyes?: boolean };
}

export interface PatternRule {
  name?: string;
  pattern: string;
  flags?: string;
  /** A hard rule rejects; a soft one adds its weight to the risk score (default 0.5). */
  hard?: boolean;
  weight?: number;
}

export interface PolicyThresholds {
  /** Risk above this goes to human review (default 0.5). */
  review_above?: number;
}

export interface RuleResult {
  name: string;
  version: number;
  passed: boolean;
  hard: boolean;
  reason: string;
  score: number;
  /**
   * Where the rule found what it reports (the PII rule: one entry per match), as UTF-16 offsets into
   * the output text the rules read (`outputText`), end exclusive. Never the matched text itself: the
   * results outlive an erased output, and personal data must not.
   */
  findings?: RuleFinding[];
}

export interface RuleFinding {
  kind: string;
  start: number;
  end: number;
}

export type PolicyDecision = 'certified' | 'pending_review' | 'rejected';

export interface PolicyEvaluation {
  decision: PolicyDecision;
  risk_score: number;
  results: RuleResult[];
}

export interface EvaluationSubject {
  input: unknown;
  output: unknown;
  provider: string;
  model: string;
  metadata: Record<string, unknown>;
}

export class PolicyRulesError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super('invalid policy rules');
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** The text the textual rules look at: a string output as is, JSON as its canonical form. */
export function outputText(output: unknown): string {
  return typeof output === 'string' ? output : canonicalize(output);
}

/** Checks rules before they are stored, so evaluation never meets an uncompilable schema or regex. */
export function validateRules(rules: PolicyRules): void {
  const problems: { field: string; message: string }[] = [];
  if (rules.output_schema !== undefined) {
    try {
      ajv.compile(rules.output_schema);
    } catch (e) {
      problems.push({ field: 'rules.output_schema', message: (e as Error).message });
    }
  }
  for (const key of ['forbidden_patterns', 'required_patterns'] as const) {
    (rules[key] ?? []).forEach((p, i) => {
      try {
        new RegExp(p.pattern, p.flags);
      } catch (e) {
        problems.push({ field: `rules.${key}.${i}.pattern`, message: (e as Error).message });
      }
    });
  }
  if (rules.required_citations?.pattern) {
    try {
      new RegExp(rules.required_citations.pattern, 'g');
    } catch (e) {
      problems.push({ field: 'rules.required_citations.pattern', message: (e as Error).message });
    }
  }
  for (const kind of rules.pii?.detectors ?? []) {
    if (!PII_KINDS.includes(kind))
      problems.push({ field: 'rules.pii.detectors', message: `unknown detector ${kind}` });
  }
  if (rules.review?.four_eyes !== undefined && typeof rules.review.four_eyes !== 'boolean') {
    problems.push({ field: 'rules.review.four_eyes', message: 'must be a boolean' });
  }
  if (problems.length) throw new PolicyRulesError(problems);
}

/**
 * Evaluates a policy: one result per rule. Hard failures reject; otherwise the risk score (sum of the
 * failed soft rules' weights, capped at 1) decides between certification and human review.
 */
export function evaluatePolicy(
  rules: PolicyRules,
  thresholds: PolicyThresholds,
  version: number,
  subject: EvaluationSubject,
): PolicyEvaluation {
  const results: RuleResult[] = [];
  const text = outputText(subject.output);
  const add = (
    name: string,
    passed: boolean,
    hard: boolean,
    reason: string,
    weight = 0.5,
    findings?: RuleFinding[],
  ): void => {
    results.push({
      name,
      version,
      passed,
      hard,
      reason,
      score: passed ? 0 : hard ? 1 : weight,
      ...(findings?.length ? { findings } : {}),
    });
  };

  if (rules.output_schema !== undefined) {
    const validate = ajv.compile(rules.output_schema);
    const ok = validate(subject.output);
    add(
      'output_schema',
      ok,
      true,
      ok ? 'output matches the JSON schema' : ajv.errorsText(validate.errors, { dataVar: 'output' }),
    );
  }
  if (rules.min_length !== undefined || rules.max_length !== undefined) {
    const min = rules.min_length ?? 0;
    const max = rules.max_length ?? Number.MAX_SAFE_INTEGER;
    const ok = text.length >= min && text.length <= max;
    add('length', ok, true, `output length ${text.length} ${ok ? 'within' : 'outside'} ${min}..${max}`);
  }
  for (const p of rules.forbidden_patterns ?? []) {
    const found = new RegExp(p.pattern, p.flags).test(text);
    add(
      `forbidden:${p.name ?? p.pattern}`,
      !found,
      p.hard ?? true,
      found ? 'forbidden pattern found' : 'forbidden pattern absent',
      p.weight,
    );
  }
  for (const p of rules.required_patterns ?? []) {
    const found = new RegExp(p.pattern, p.flags).test(text);
    add(
      `required:${p.name ?? p.pattern}`,
      found,
      p.hard ?? true,
      found ? 'required pattern present' : 'required pattern missing',
      p.weight,
    );
  }
  if (rules.pii) {
    const found = detectPii(text, rules.pii.detectors ?? PII_KINDS);
    const kinds = [...new Set(found.map((f) => f.kind))];
    add(
      'pii',
      found.length === 0,
      rules.pii.action === 'reject',
      found.length === 0 ? 'no personal data detected' : `personal data detected: ${kinds.join(', ')}`,
      rules.pii.weight ?? 0.6,
      found.map(({ kind, start, end }) => ({ kind, start, end })),
    );
  }
  if (rules.required_citations) {
    const pattern = new RegExp(rules.required_citations.pattern ?? '\\[(\\d+)\\]|https?://\\S+', 'g');
    const count = new Set(text.match(pattern) ?? []).size;
    const ok = count >= rules.required_citations.min;
    add('citations', ok, false, `${count} citation(s), ${rules.required_citations.min} required`, 0.6);
  }
  if (rules.allowed_providers) {
    const ok = rules.allowed_providers.includes(subject.provider);
    add('provider_allowlist', ok, true, `provider ${subject.provider} ${ok ? 'is' : 'is not'} allowed`);
  }
  if (rules.allowed_models) {
    const ok = rules.allowed_models.includes(subject.model);
    add('model_allowlist', ok, true, `model ${subject.model} ${ok ? 'is' : 'is not'} allowed`);
  }
  for (const rule of rules.custom ?? []) {
    let ok = false;
    let reason: string;
    try {
      ok = Boolean(
        jsonLogic.apply(rule.expression as jsonLogic.RulesLogic, {
          input: subject.input,
          output: subject.output,
          output_text: text,
          provider: subject.provider,
          model: subject.model,
          metadata: subject.metadata,
        }),
      );
      reason = ok ? 'expression holds' : 'expression does not hold';
    } catch (e) {
      reason = `expression failed: ${(e as Error).message}`;
    }
    add(`custom:${rule.name}`, ok, rule.hard ?? false, reason, rule.weight);
  }

  const hardFailure = results.some((r) => !r.passed && r.hard);
  const risk = Math.min(
    1,
    results.filter((r) => !r.passed && !r.hard).reduce((s, r) => s + r.score, 0),
  );
  const reviewAbove = thresholds.review_above ?? 0.5;
  const decision: PolicyDecision = hardFailure
    ? 'rejected'
    : risk > reviewAbove
      ? 'pending_review'
      : 'certified';
  return { decision, risk_score: hardFailure ? 1 : Math.round(risk * 1000) / 1000, results };
}
