/** PII detectors used by the policy engine. Each returns the matches it found (validated, not just shaped). */
export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'national_id';

export const PII_KINDS: readonly PiiKind[] = ['email', 'phone', 'card', 'iban', 'national_id'];

/** Luhn (mod 10) checksum of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** US SSN: AAA-GG-SSSS with the never-issued ranges excluded (000, 666, 9xx areas; 00 group; 0000 serial). */
export function ssnValid(ssn: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(ssn);
  if (!m) return false;
  const [, area, group, serial] = m;
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** One match of a detector: its text and where it is (UTF-16 offsets, end exclusive). */
interface Match {
  match: string;
  start: number;
  end: number;
}

function matches(text: string, pattern: RegExp, keep: (match: string) => boolean = () => true): Match[] {
  return [...text.matchAll(pattern)]
    .filter((m) => keep(m[0]))
    .map((m) => ({ match: m[0], start: m.index, end: m.index + m[0].length }));
}

const DETECTORS: Record<PiiKind, (text: string) => Match[]> = {
  email: (text) => matches(text, /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g),
  phone: (text) =>
    matches(
      text,
      /(?<!\d[\s.-]?)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}\b(?![\s.-]?\d)/g,
      (m) => {
        const digits = m.replace(/\D/g, '');
        return digits.length >= 9 && digits.length <= 15;
      },
    ),
  card: (text) =>
    matches(text, /\b(?:\d[ -]?){12,18}\d\b/g, (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
    }),
  iban: (text) => matches(text, /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, ibanValid),
  national_id: (text) => matches(text, /\b\d{3}-\d{2}-\d{4}\b/g, ssnValid),
};

/** Finds PII of the given kinds in a text, with where each match is (offsets into `text`). */
export function detectPii(
  text: string,
  kinds: readonly PiiKind[] = PII_KINDS,
): { kind: PiiKind; match: string; start: number; end: number }[] {
  return kinds.flatMap((kind) => DETECTORS[kind](text).map((m) => ({ kind, ...m })));
}
