/**
 * Money arithmetic, pure and exact: amounts are bigint minor units of an ISO 4217 currency, rates are
 * fractions of bigints, and every division rounds once, half to even ("banker's rounding"), so sums of
 * many rounded items carry no systematic bias. Floating point never touches an amount.
 */

/** ISO 4217 active codes with their minor-unit exponent (number of decimals). */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2,
  AFN: 2,
  ALL: 2,
  AMD: 2,
  ANG: 2,
  AOA: 2,
  ARS: 2,
  AUD: 2,
  AWG: 2,
  AZN: 2,
  BAM: 2,
  BBD: 2,
  BDT: 2,
  BGN: 2,
  BHD: 3,
  BIF: 0,
  BMD: 2,
  BND: 2,
  BOB: 2,
  BRL: 2,
  BSD: 2,
  BTN: 2,
  BWP: 2,
  BYN: 2,
  BZD: 2,
  CAD: 2,
  CDF: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  COP: 2,
  CRC: 2,
  CUP: 2,
  CVE: 2,
  CZK: 2,
  DJF: 0,
  DKK: 2,
  DOP: 2,
  DZD: 2,
  EGP: 2,
  ERN: 2,
  ETB: 2,
  EUR: 2,
  FJD: 2,
  FKP: 2,
  GBP: 2,
  GEL: 2,
  GHS: 2,
  GIP: 2,
  GMD: 2,
  GNF: 0,
  GTQ: 2,
  GYD: 2,
  HKD: 2,
  HNL: 2,
  HTG: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  IQD: 3,
  IRR: 2,
  ISK: 0,
  JMD: 2,
  JOD: 3,
  JPY: 0,
  KES: 2,
  KGS: 2,
  KHR: 2,
  KMF: 0,
  KPW: 2,
  KRW: 0,
  KWD: 3,
  KYD: 2,
  KZT: 2,
  LAK: 2,
  LBP: 2,
  LKR: 2,
  LRD: 2,
  LSL: 2,
  LYD: 3,
  MAD: 2,
  MDL: 2,
  MGA: 2,
  MKD: 2,
  MMK: 2,
  MNT: 2,
  MOP: 2,
  MRU: 2,
  MUR: 2,
  MVR: 2,
  MWK: 2,
  MXN: 2,
  MYR: 2,
  MZN: 2,
  NAD: 2,
  NGN: 2,
  NIO: 2,
  NOK: 2,
  NPR: 2,
  NZD: 2,
  OMR: 3,
  PAB: 2,
  PEN: 2,
  PGK: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  PYG: 0,
  QAR: 2,
  RON: 2,
  RSD: 2,
  RUB: 2,
  RWF: 0,
  SAR: 2,
  SBD: 2,
  SCR: 2,
  SDG: 2,
  SEK: 2,
  SGD: 2,
  SHP: 2,
  SLE: 2,
  SOS: 2,
  SRD: 2,
  SSP: 2,
  STN: 2,
  SVC: 2,
  SYP: 2,
  SZL: 2,
  THB: 2,
  TJS: 2,
  TMT: 2,
  TND: 3,
  TOP: 2,
  TRY: 2,
  TTD: 2,
  TWD: 2,
  TZS: 2,
  UAH: 2,
  UGX: 0,
  USD: 2,
  UYU: 2,
  UZS: 2,
  VES: 2,
  VND: 0,
  VUV: 0,
  WST: 2,
  XAF: 0,
  XCD: 2,
  XOF: 0,
  XPF: 0,
  YER: 2,
  ZAR: 2,
  ZMW: 2,
  ZWG: 2,
});

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS);

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, code);
}

export function exponentOf(currency: string): number {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  return exponent;
}

/** An exact positive rational: `numerator / denominator`. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** n / d rounded half to even (d > 0). */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('denominator must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/** Parses a positive decimal string ("1.0845") into an exact fraction; null when malformed or zero. */
export function parseDecimalRate(text: string): Fraction | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const decimals = match[2] ?? '';
  const numerator = BigInt(match[1] + decimals);
  if (numerator === 0n) return null;
  return { numerator, denominator: 10n ** BigInt(decimals.length) };
}

/** The fraction in lowest terms. */
export function reduce(f: Fraction): Fraction {
  let a = f.numerator;
  let b = f.denominator;
  while (b !== 0n) [a, b] = [b, a % b];
  return { numerator: f.numerator / a, denominator: f.denominator / a };
}

/**
 * Converts minor units of `from` to minor units of `to` where one major unit of `from` is worth `rate`
 * major units of `to`: amount × rate × 10^(exp(to) − exp(from)), rounded once, half to even.
 */
export function convert(amountMinor: bigint, from: string, to: string, rate: Fraction): bigint {
  if (from === to) return amountMinor;
  const shift = exponentOf(to) - exponentOf(from);
  let n = amountMinor * rate.numerator;
  let d = rate.denominator;
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else d *= 10n ** BigInt(-shift);
  return divideHalfEven(n, d);
}

/** Minutes at an hourly rate: minutes × rate / 60, rounded half to even. */
export function timeAmount(minutes: number, hourlyRateMinor: bigint): bigint {
  return divideHalfEven(BigInt(minutes) * hourlyRateMinor, 60n);
}

/** Tax on a subtotal at a rate in basis points (1/100 of a percent), rounded half to even. */
export function taxOf(subtotalMinor: bigint, taxRateBp: number): bigint {
  if (!Number.isInteger(taxRateBp) || taxRateBp < 0)
    throw new RangeError('tax rate must be a whole number of basis points');
  return divideHalfEven(subtotalMinor * BigInt(taxRateBp), 10_000n);
}

export interface Totals {
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

/** Invoice totals: subtotal = Σ lines (already rounded), tax computed once on the subtotal. */
export function invoiceTotals(lineAmounts: readonly bigint[], taxRateBp: number): Totals {
  const subtotalMinor = lineAmounts.reduce((sum, amount) => sum + amount, 0n);
  const taxMinor = taxOf(subtotalMinor, taxRateBp);
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}

/** Minor units as a decimal string in major units ("12.34", "1200", "0.005"). */
export function formatMinor(amountMinor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const major = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${major}` : major;
}

/** A bigint as a JSON number when it is exactly representable, else refused (amounts stay exact). */
export function toJsonNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError('amount exceeds the exactly representable range');
  return Number(value);
}
