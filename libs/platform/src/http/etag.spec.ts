import { describe, expect, it } from 'vitest';
import { AppException, ErrorCode } from '../errors/app-exception';
import { assertVersionMatches, etagOf, parseIfMatch } from './etag';

describe('ETags and If-Match', () => {
  it('round-trips versions, strong and weak', () => {
    expect(parseIfMatch(etagOf(7))).toBe(7);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('refuses ETags we did not issue with 400', () => {
    expect(() => parseIfMatch('*')).toThrow(AppException);
    expect(() => parseIfMatch('"abc"')).toThrow(/If-Match/);
  });

  it('412 when the record moved on, silent when it did not or when no version was sent', () => {
    expect(() => assertVersionMatches('task', 3, 3)).not.toThrow();
    expect(() => assertVersionMatches('task', 3, undefined)).not.toThrow();
    try {
      assertVersionMatches('task', 4, 3);
      throw new Error('expected a conflict');
    } catch (error) {
      expect((error as AppException).code).toBe(ErrorCode.PRECONDITION_FAILED);
      expect((error as AppException).status).toBe(412);
    }
  });
});
