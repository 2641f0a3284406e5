import { canonicalize } from '@oversing/verifier';

/** Where a policy rule found something in the output (offsets into the text the rules read). */
export interface Finding {
  kind: string;
  start: number;
  end: number;
}

/**
 * The text the policy's rules read (apps/certification policy-engine `outputText`): a string output as
 * is, anything else as RFC 8785 canonical JSON. Findings' offsets point into this text.
 */
export function outputText(output: unknown): string {
  return typeof output === 'string' ? output : canonicalize(output);
}

export interface Segment {
  text: string;
  /** the detectors that found this stretch (empty: nothing found) */
  kinds: string[];
}

/**
 * Cuts the text at every finding's start and end, so each stretch is either plain or covered by one or
 * more findings (overlaps are merged, offsets outside the text are clipped).
 */
export function segmentsOf(text: string, findings: readonly Finding[]): Segment[] {
  const valid = findings
    .map((f) => ({ ...f, start: Math.max(0, f.start), end: Math.min(text.length, f.end) }))
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start < f.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((f) => [f.start, f.end])])].sort(
    (a, b) => a - b,
  );
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const kinds = [...new Set(valid.filter((f) => f.start <= from && f.end >= to).map((f) => f.kind))];
    const last = segments[segments.length - 1];
    if (last && last.kinds.join() === kinds.join()) last.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), kinds });
  }
  return segments.length ? segments : [{ text, kinds: [] }];
}

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Line diff of two texts (longest common subsequence of lines): what was removed from `before`, added in
 * `after`, and kept. Outputs are short (the demo policy allows 4000 characters), so the quadratic table
 * is small.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

/** The names the policy engine gives its rules, in words a reviewer reads. */
export function ruleInWords(name: string): string {
  const [kind, ...rest] = name.split(':');
  const detail = rest.join(':');
  switch (kind) {
    case 'output_schema':
      return 'Output matches the required format';
    case 'length':
      return 'Output length within limits';
    case 'forbidden':
      return `Nothing forbidden ("${detail}")`;
    case 'required':
      return `Required content present ("${detail}")`;
    case 'pii':
      return 'No personal data';
    case 'citations':
      return 'Sources cited';
    case 'provider_allowlist':
      return 'Provider allowed';
    case 'model_allowlist':
      return 'Model allowed';
    case 'custom':
      return `Custom check "${detail}"`;
    default:
      return name;
  }
}

/** What a failed rule did to the decision, in words. */
export function effectInWords(rule: { passed: boolean; hard: boolean; score: number }): string {
  if (rule.passed) return 'passed';
  return rule.hard
    ? 'failed: a hard rule, so the output cannot be certified'
    : `failed: adds ${rule.score} to the risk score`;
}
