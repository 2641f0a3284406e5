/**
 * Money as the API sends it: an integer amount in minor units of an ISO 4217 currency. Amounts are turned
 * into decimal strings digit by digit (BigInt, never float arithmetic) and handed to Intl.NumberFormat as
 * strings, which formats them exactly.
 */
export interface Money {
  minor: number | bigint;
  currency: string;
}

const exponents = new Map<string, number>();

/** The number of minor-unit digits of a currency (EUR 2, JPY 0, BHD 3), from the platform's ICU data. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits!;
    exponents.set(code, exponent);
  }
  return exponent;
}

/** "-1234" minor units of a 2-digit currency → "-12.34", exactly. */
export function minorToDecimalString(minor: number | bigint, exponent: number): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor))
    throw new RangeError(`${minor} is not an integer amount of minor units`);
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/** Formats minor units as currency for the user's locale: formatMoney(123456, 'EUR', 'en') → "€1,234.56". */
export function formatMoney(minor: number | bigint, currency: string, locale?: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  return format.format(minorToDecimalString(minor, exponent) as `${number}`);
}

/**
 * Parses what a person typed in major units ("12.5", "1,234.50" with ',' as grouping) into minor units of
 * the currency, or null when it is not a plain non-negative amount with at most the currency's digits.
 */
export function parseMajorToMinor(input: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const text = input.trim().replace(/[\s,_]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const minor = BigInt(match[1] + fraction.padEnd(exponent, '0'));
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}
