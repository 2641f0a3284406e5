import { describe, expect, it } from 'vitest';
import { isCalendarDate, isoWeekOf } from './iso-week';

describe('isoWeekOf', () => {
  it('names ISO weeks across year boundaries', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({ week: '2026-W01', weekStart: '2025-12-29' });
    expect(isoWeekOf('2027-01-03')).toEqual({ week: '2026-W53', weekStart: '2026-12-28' });
    expect(isoWeekOf('2021-01-03')).toEqual({ week: '2020-W53', weekStart: '2020-12-28' });
    expect(isoWeekOf('2026-03-15')).toEqual({ week: '2026-W11', weekStart: '2026-03-09' });
    expect(isoWeekOf('2026-03-16')).toEqual({ week: '2026-W12', weekStart: '2026-03-16' });
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
    expect(() => isoWeekOf('2026-02-30')).toThrow(RangeError);
  });
});
