import { describe, expect, it } from 'vitest';
import {
  decimalToMinor,
  hoursToMinutes,
  LegacyValueError,
  percentToBasisPoints,
  utcTimestamp,
  zonedDateTime,
} from './legacy-values';

describe('legacy value conversions', () => {
  it('converts DECIMAL major units to minor units exactly, per currency exponent', () => {
    expect(decimalToMinor('1234.56', 'EUR')).toBe(123456n);
    expect(decimalToMinor('0.10', 'USD')).toBe(10n);
    expect(decimalToMinor('12000.00', 'JPY')).toBe(12000n);
    expect(decimalToMinor('1.5', 'KWD')).toBe(1500n);
    expect(decimalToMinor('-3.07', 'GBP')).toBe(-307n);
    // beyond what a double holds exactly
    expect(decimalToMinor('90071992547409.93', 'EUR')).toBe(9007199254740993n);
  });

  it('refuses to round: sub-unit amounts, malformed numbers and unknown currencies fail the row', () => {
    expect(() => decimalToMinor('1500.50', 'JPY')).toThrow(LegacyValueError);
    expect(() => decimalToMinor('1.005', 'EUR')).toThrow(/refusing to round/);
    expect(() => decimalToMinor('1,50', 'EUR')).toThrow(LegacyValueError);
    expect(() => decimalToMinor('1.00', 'XYZ')).toThrow(/unknown currency/);
  });

  it('converts hours to whole minutes and refuses fractions of a minute', () => {
    expect(hoursToMinutes('1.25')).toBe(75);
    expect(hoursToMinutes('0.10')).toBe(6);
    expect(hoursToMinutes('8')).toBe(480);
    expect(() => hoursToMinutes('0.33')).toThrow(/whole number of minutes/);
    expect(() => hoursToMinutes('-1.00')).toThrow(LegacyValueError);
  });

  it('converts percentages to basis points', () => {
    expect(percentToBasisPoints('20.00')).toBe(2000);
    expect(percentToBasisPoints('7.5')).toBe(750);
    expect(() => percentToBasisPoints('7.125')).toThrow(/basis point/);
  });

  it('reads TIMESTAMP columns as UTC and treats MySQL zero dates as missing', () => {
    expect(utcTimestamp('2024-03-01 10:00:00', 'x')?.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(utcTimestamp('0000-00-00 00:00:00', 'x')).toBeNull();
    expect(utcTimestamp(null, 'x')).toBeNull();
    expect(() => utcTimestamp('2024-02-30 10:00:00', 'x')).toThrow(/real date/);
  });

  it('reads DATETIME wall-clock values in the instance time zone, across DST changes', () => {
    // winter (CET, +01:00) and summer (CEST, +02:00)
    expect(zonedDateTime('2024-01-15 09:30:00', 'Europe/Berlin', 'x')?.toISOString()).toBe(
      '2024-01-15T08:30:00.000Z',
    );
    expect(zonedDateTime('2024-07-15 09:30:00', 'Europe/Berlin', 'x')?.toISOString()).toBe(
      '2024-07-15T07:30:00.000Z',
    );
    // 02:30 on 2024-10-27 happened twice in Berlin: the earlier (CEST) instant is taken
    expect(zonedDateTime('2024-10-27 02:30:00', 'Europe/Berlin', 'x')?.toISOString()).toBe(
      '2024-10-27T00:30:00.000Z',
    );
    // 02:30 on 2024-03-31 never happened in Berlin: read with the offset before the change (03:30 CEST)
    expect(zonedDateTime('2024-03-31 02:30:00', 'Europe/Berlin', 'x')?.toISOString()).toBe(
      '2024-03-31T01:30:00.000Z',
    );
    expect(zonedDateTime('2024-03-10 12:00:00', 'America/New_York', 'x')?.toISOString()).toBe(
      '2024-03-10T16:00:00.000Z',
    );
    expect(zonedDateTime('2024-03-10 12:00:00', 'UTC', 'x')?.toISOString()).toBe('2024-03-10T12:00:00.000Z');
  });

  it('reads every wall-clock time back as the instant it was written at, in zones with odd offsets and changes', () => {
    // zones that change by an hour, by half an hour (Lord Howe), at odd offsets, and a year of historic rules
    const cases: [string, number][] = [
      ['Europe/Berlin', 2024],
      ['America/New_York', 2023],
      ['Australia/Lord_Howe', 2024],
      ['America/St_Johns', 2024],
      ['Asia/Kathmandu', 1986],
      ['Europe/Amsterdam', 1937],
    ];
    for (const [zone, year] of cases) {
      const wall = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 23 * 60_000 + 7_000) {
        const text = wall.format(new Date(t));
        const read = zonedDateTime(text, zone, 'x')!.getTime();
        // a wall time that happened twice is read as the earlier instant
        if (read !== t) {
          expect(read, `${zone} ${text}`).toBeLessThan(t);
          expect(wall.format(new Date(read)), `${zone} ${text}`).toBe(text);
        }
      }
    }
  });
});
