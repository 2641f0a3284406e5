import { describe, expect, it } from 'vitest';
import { findUnstorableInput, unstorableStringReason } from './input-boundary';

describe('unstorableStringReason', () => {
  it('accepts ordinary text, emoji (surrogate pairs) and an empty string', () => {
    for (const value of ['', 'hello', 'héllo 😀', '\uD83D\uDE00'])
      expect(unstorableStringReason(value)).toBeUndefined();
  });

  it('refuses NUL characters and lone surrogates of either half', () => {
    expect(unstorableStringReason('a\u0000b')).toMatch(/NUL/);
    expect(unstorableStringReason('\uD800')).toMatch(/surrogate/);
    expect(unstorableStringReason('x\uDFFFy')).toMatch(/surrogate/);
    expect(unstorableStringReason('\uDE00\uD83D')).toMatch(/surrogate/);
  });
});

describe('findUnstorableInput', () => {
  it('names the field of a nested value and of a key', () => {
    expect(findUnstorableInput({ a: { b: ['ok', 'x\u0000'] } }, 64)).toEqual({
      field: 'a.b[1]',
      message: 'must not contain NUL characters',
    });
    expect(findUnstorableInput({ 'k\u0000': 1 }, 64)?.message).toMatch(/^name must not contain NUL/);
  });

  it('refuses nesting past the limit without recursion, even 100,000 levels deep', () => {
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findUnstorableInput(value, 64)?.message).toBe('is nested more than 64 levels deep');
    let shallow: unknown = 'x';
    for (let i = 0; i < 64; i++) shallow = { a: shallow };
    expect(findUnstorableInput(shallow, 64)).toBeUndefined();
  });
});
