import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  formatMoney as format,
  minorToDecimalString,
  parseMajorToMinor,
} from '@/lib/money';

// ICU separates some symbols with a no-break space
const formatMoney = (...args: Parameters<typeof format>) => format(...args).replace(/\u00a0/g, ' ');

describe('money in minor units', () => {
  it('knows each currency’s exponent', () => {
    expect([currencyExponent('EUR'), currencyExponent('jpy'), currencyExponent('BHD')]).toEqual([2, 0, 3]);
  });

  it('turns minor units into exact decimal strings, signs and leading zeros included', () => {
    expect(minorToDecimalString(123456, 2)).toBe('1234.56');
    expect(minorToDecimalString(5, 2)).toBe('0.05');
    expect(minorToDecimalString(-1, 3)).toBe('-0.001');
    expect(minorToDecimalString(1500, 0)).toBe('1500');
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });

  it('formats with the currency’s exponent, exactly even beyond float precision', () => {
    expect(formatMoney(123456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1234, 'BHD', 'en-US')).toBe('BHD 1.234');
    expect(formatMoney(-250, 'USD', 'en-US')).toBe('-$2.50');
    expect(formatMoney(9007199254740991, 'EUR', 'en-US')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(10n ** 20n + 1n, 'EUR', 'en-US')).toBe('€1,000,000,000,000,000,000.01');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56 €');
  });

  it('parses typed major units into minor units without floats, refusing too many digits', () => {
    expect(parseMajorToMinor('12.5', 'EUR')).toBe(1250);
    expect(parseMajorToMinor('1,234.05', 'EUR')).toBe(123405);
    expect(parseMajorToMinor('0.29', 'EUR')).toBe(29);
    expect(parseMajorToMinor('1500', 'JPY')).toBe(1500);
    expect(parseMajorToMinor('1.5', 'JPY')).toBeNull();
    expect(parseMajorToMinor('1.234', 'BHD')).toBe(1234);
    expect(parseMajorToMinor('1.001', 'EUR')).toBeNull();
    expect(parseMajorToMinor('-3', 'EUR')).toBeNull();
    expect(parseMajorToMinor('abc', 'EUR')).toBeNull();
  });
});
