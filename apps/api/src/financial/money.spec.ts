import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convert,
  divideHalfEven,
  exponentOf,
  formatMinor,
  invoiceTotals,
  isCurrency,
  parseDecimalRate,
  reduce,
  taxOf,
  timeAmount,
} from './money';

/** Currencies covering the three minor-unit exponents. */
const CURRENCIES = ['JPY', 'KRW', 'EUR', 'USD', 'GBP', 'BHD', 'KWD', 'TND'];
const currency = fc.constantFrom(...CURRENCIES);
const amount = fc.bigInt({ min: 0n, max: 10n ** 12n });
const taxBp = fc.integer({ min: 0, max: 10_000 });

/** Exact rational check of half-even rounding: |q·d − n| ≤ d/2, ties to even. */
function isHalfEvenOf(q: bigint, n: bigint, d: bigint): boolean {
  const diff2 = (q * d - n) * 2n;
  const abs = diff2 < 0n ? -diff2 : diff2;
  return abs < d || (abs === d && q % 2n === 0n);
}

describe('money', () => {
  it('knows the minor-unit exponents 0, 2 and 3 and refuses unknown codes', () => {
    expect([exponentOf('JPY'), exponentOf('EUR'), exponentOf('BHD')]).toEqual([0, 2, 3]);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('XXX')).toBe(false);
    expect(isCurrency('eur')).toBe(false);
    expect(() => exponentOf('ABC')).toThrow(RangeError);
  });

  it('rounds half to even, symmetrically', () => {
    expect([5n, 15n, 25n, -5n, -15n, 7n, 13n].map((n) => divideHalfEven(n, 10n))).toEqual([
      0n,
      2n,
      2n,
      0n,
      -2n,
      1n,
      1n,
    ]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => isHalfEvenOf(divideHalfEven(n, d), n, d),
      ),
    );
  });

  it('invoice totals equal the sum of the lines plus the tax, with no drift, for any lines and currency', () => {
    fc.assert(
      fc.property(
        currency,
        fc.array(fc.record({ minutes: fc.integer({ min: 1, max: 1440 }), rate: amount }), { maxLength: 60 }),
        fc.array(amount, { maxLength: 30 }),
        taxBp,
        (code, timeLines, expenseLines, bp) => {
          const lines = [...timeLines.map((l) => timeAmount(l.minutes, l.rate)), ...expenseLines];
          const totals = invoiceTotals(lines, bp);
          let sum = 0n;
          for (const line of lines) sum += line;
          expect(totals.subtotalMinor).toBe(sum);
          expect(totals.totalMinor).toBe(totals.subtotalMinor + totals.taxMinor);
          expect(isHalfEvenOf(totals.taxMinor, sum * BigInt(bp), 10_000n)).toBe(true);
          // Every line is the exact value rounded once.
          timeLines.forEach((l, i) =>
            expect(isHalfEvenOf(lines[i], BigInt(l.minutes) * l.rate, 60n)).toBe(true),
          );
          // Splitting the lines in two invoices never creates or loses a minor unit of subtotal.
          const half = Math.floor(lines.length / 2);
          expect(
            invoiceTotals(lines.slice(0, half), bp).subtotalMinor +
              invoiceTotals(lines.slice(half), bp).subtotalMinor,
          ).toBe(totals.subtotalMinor);
          // The display string round-trips to the same minor units.
          const text = formatMinor(totals.totalMinor, code);
          expect(BigInt(text.replace('.', ''))).toBe(totals.totalMinor);
          expect(text.includes('.') ? text.split('.')[1].length : 0).toBe(exponentOf(code));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('converts across exponents exactly from a decimal rate', () => {
    const rate = parseDecimalRate('1.0845')!;
    expect(rate).toEqual({ numerator: 10845n, denominator: 10000n });
    expect(convert(10_000n, 'EUR', 'USD', rate)).toBe(10_845n); // 100.00 EUR → 108.45 USD
    expect(convert(100n, 'EUR', 'JPY', parseDecimalRate('161.5')!)).toBe(162n); // 1.00 EUR → 161.5 → 162 (even)
    expect(convert(100n, 'USD', 'BHD', parseDecimalRate('0.376')!)).toBe(376n); // 1.00 USD → 0.376 BHD
    expect(convert(1n, 'JPY', 'EUR', parseDecimalRate('0.005')!)).toBe(0n); // 0.005 EUR rounds to 0 (even)
    fc.assert(
      fc.property(
        currency,
        currency,
        amount,
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (from, to, value, numerator, denominator) => {
          const converted = convert(value, from, to, { numerator, denominator });
          if (from === to) {
            expect(converted).toBe(value);
            return;
          }
          const shift = exponentOf(to) - exponentOf(from);
          const n = value * numerator * (shift > 0 ? 10n ** BigInt(shift) : 1n);
          const d = denominator * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
          expect(isHalfEvenOf(converted, n, d)).toBe(true);
          // Equivalent fractions give identical results.
          expect(convert(value, from, to, reduce({ numerator, denominator }))).toBe(converted);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parses only positive decimal rates', () => {
    for (const bad of ['', '0', '0.000', '-1', '1e3', '1.', '.5', '1,5', 'NaN', '1.2.3', '1234567890123'])
      expect(parseDecimalRate(bad), bad).toBeNull();
    expect(parseDecimalRate('0.5')).toEqual({ numerator: 5n, denominator: 10n });
  });

  it('taxes at basis points', () => {
    expect(taxOf(10_000n, 1_900)).toBe(1_900n);
    expect(taxOf(1n, 5_000)).toBe(0n); // 0.5 → 0 (even)
    expect(taxOf(3n, 5_000)).toBe(2n); // 1.5 → 2 (even)
    expect(() => taxOf(1n, -1)).toThrow(RangeError);
  });
});
