import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './policy-engine';
import { detectPii, ibanValid, luhnValid, ssnValid } from './pii-detectors';

const subject = (output: unknown, extra: Partial<{ provider: string; model: string }> = {}) => ({
  input: 'q',
  output,
  provider: extra.provider ?? 'openai',
  model: extra.model ?? 'gpt-4o',
  metadata: {},
});

describe('PII detectors', () => {
  it('validate checksums, not just shapes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(ssnValid('123-45-6789')).toBe(true);
    expect(ssnValid('666-45-6789')).toBe(false);
    expect(detectPii('card 4111 1111 1111 1111').map((f) => f.kind)).toEqual(['card']);
    expect(detectPii('card 4111 1111 1111 1112')).toEqual([]);
    expect(detectPii('mail ada@example.com').map((f) => f.kind)).toEqual(['email']);
    expect(detectPii('pay GB82WEST12345698765432').map((f) => f.kind)).toEqual(['iban']);
  });
});

describe('PII findings', () => {
  it('say where each match is, so a reviewer can see it highlighted', () => {
    const text = 'Write to jana.novak@example.com or call +44 20 7946 0958.';
    const found = detectPii(text);
    expect(found.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['email', 'jana.novak@example.com'],
      ['phone', '+44 20 7946 0958'],
    ]);
  });

  it('are carried by the PII rule result as offsets only (never the personal data itself)', () => {
    const text = 'Mail ada@example.com, not bob@example.org.';
    const { results } = evaluatePolicy({ pii: {} }, {}, 1, subject(text));
    const pii = results.find((r) => r.name === 'pii')!;
    expect(pii.findings).toEqual([
      { kind: 'email', start: 5, end: 20 },
      { kind: 'email', start: 26, end: 41 },
    ]);
    expect(JSON.stringify(results)).not.toContain('ada@example.com');
    // a passing rule carries no findings member (results of clean outputs are as before)
    expect(evaluatePolicy({ pii: {} }, {}, 1, subject('nothing personal')).results[0]).not.toHaveProperty(
      'findings',
    );
  });
});

describe('evaluatePolicy', () => {
  it('certifies below the threshold, reviews above it, rejects hard failures', () => {
    const rules = {
      pii: { action: 'review' as const, weight: 0.8 },
      forbidden_patterns: [{ pattern: 'SECRET' }],
    };
    expect(evaluatePolicy(rules, {}, 1, subject('all good')).decision).toBe('certified');
    const review = evaluatePolicy(rules, { review_above: 0.5 }, 1, subject('write to ada@example.com'));
    expect(review.decision).toBe('pending_review');
    expect(review.risk_score).toBe(0.8);
    expect(evaluatePolicy(rules, {}, 1, subject('SECRET')).decision).toBe('rejected');
  });

  it('checks JSON schema, length, allowlists, citations and json-logic', () => {
    const rules = {
      output_schema: { type: 'object', required: ['answer'] },
      max_length: 100,
      allowed_providers: ['openai'],
      required_citations: { min: 1 },
      custom: [{ name: 'short', expression: { '<': [{ var: 'output.answer.length' }, 20] }, weight: 0.2 }],
    };
    const good = evaluatePolicy(rules, {}, 3, subject({ answer: 'yes [1]' }));
    expect(good.decision).toBe('certified');
    expect(good.results.every((r) => r.passed && r.version === 3)).toBe(true);
    expect(
      evaluatePolicy(rules, {}, 3, subject({ nope: 1 })).results.find((r) => r.name === 'output_schema')
        ?.passed,
    ).toBe(false);
    expect(evaluatePolicy(rules, {}, 3, subject({ answer: 'yes [1]' }, { provider: 'x' })).decision).toBe(
      'rejected',
    );
    const noCitation = evaluatePolicy(rules, { review_above: 0.5 }, 3, subject({ answer: 'yes' }));
    expect(noCitation.decision).toBe('pending_review');
    const long = evaluatePolicy(rules, {}, 3, subject({ answer: 'a very very long answer here [1]' }));
    expect(long.results.find((r) => r.name === 'custom:short')?.passed).toBe(false);
  });
});
