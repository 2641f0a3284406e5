import { describe, expect, it } from 'vitest';
import {
  diffLines,
  effectInWords,
  outputText,
  ruleInWords,
  segmentsOf,
} from '@/features/certifications/utils/review-text';

describe('segmentsOf', () => {
  it('cuts the output at the findings, merging overlaps and ignoring offsets outside the text', () => {
    const text = 'Mail ada@example.com or call 020 7946 0958.';
    const segments = segmentsOf(text, [
      { kind: 'email', start: 5, end: 20 },
      { kind: 'phone', start: 29, end: 42 },
      { kind: 'card', start: 90, end: 99 },
    ]);
    expect(segments).toEqual([
      { text: 'Mail ', kinds: [] },
      { text: 'ada@example.com', kinds: ['email'] },
      { text: ' or call ', kinds: [] },
      { text: '020 7946 0958', kinds: ['phone'] },
      { text: '.', kinds: [] },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps a text without findings whole', () => {
    expect(segmentsOf('nothing here', [])).toEqual([{ text: 'nothing here', kinds: [] }]);
    expect(segmentsOf('', [])).toEqual([{ text: '', kinds: [] }]);
  });

  it('reads JSON outputs as the rules do (canonical JSON)', () => {
    expect(outputText({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(outputText('as is')).toBe('as is');
  });
});

describe('diffLines', () => {
  it('shows removed, added and kept lines in order', () => {
    expect(
      diffLines('Dear Ms Novak,\nCONFIDENTIAL draft\nRegards', 'Dear Ms Novak,\nFinal text\nRegards'),
    ).toEqual([
      { kind: 'same', text: 'Dear Ms Novak,' },
      { kind: 'removed', text: 'CONFIDENTIAL draft' },
      { kind: 'added', text: 'Final text' },
      { kind: 'same', text: 'Regards' },
    ]);
    expect(diffLines('a', 'a')).toEqual([{ kind: 'same', text: 'a' }]);
  });
});

describe('policy results in words', () => {
  it('names each kind of rule and what a failure did', () => {
    expect(ruleInWords('forbidden:classification-marker')).toBe(
      'Nothing forbidden ("classification-marker")',
    );
    expect(ruleInWords('pii')).toBe('No personal data');
    expect(ruleInWords('custom:model-named')).toBe('Custom check "model-named"');
    expect(ruleInWords('something_new')).toBe('something_new');
    expect(effectInWords({ passed: false, hard: false, score: 0.6 })).toBe(
      'failed: adds 0.6 to the risk score',
    );
    expect(effectInWords({ passed: false, hard: true, score: 1 })).toMatch(/cannot be certified/);
    expect(effectInWords({ passed: true, hard: true, score: 0 })).toBe('passed');
  });
});
