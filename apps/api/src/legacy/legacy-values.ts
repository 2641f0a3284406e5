import { exponentOf, isCurrency } from '../financial/money';
import { isCalendarDate } from '../time/iso-week';

/**
 * Conversions of legacy column values into the new model's, pure and exact. Each returns the value or
 * throws a LegacyValueError naming what is wrong; the importer turns that into a failure of the row
 * (reported with its legacy id), never into a guessed value.
 */
export class LegacyValueError extends Error {}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A DECIMAL in major units ("1234.50") as bigint minor units of the currency, refusing any rounding. */
export function decimalToMinor(text: string, currency: string, field = 'amount'): bigint {
  if (!isCurrency(currency)) throw new LegacyValueError(`${field}: unknown currency "${currency}"`);
  const match = DECIMAL.exec(String(text).trim());
  if (!match) throw new LegacyValueError(`${field}: "${text}" is not a decimal number`);
  const exponent = exponentOf(currency);
  const fraction = match[3] ?? '';
  const kept = fraction.slice(0, exponent);
  if (/[1-9]/.test(fraction.slice(exponent)))
    throw new LegacyValueError(
      `${field}: ${text} has more decimals than ${currency} allows (${exponent}); refusing to round`,
    );
  const minor = BigInt(match[2] + kept.padEnd(exponent, '0'));
  return match[1] === '-' ? -minor : minor;
}

/** A non-negative DECIMAL in major units as minor units. */
export function nonNegativeMinor(text: string, currency: string, field: string): bigint {
  const value = decimalToMinor(text, currency, field);
  if (value < 0n) throw new LegacyValueError(`${field}: ${text} is negative`);
  return value;
}

/** Hours as a DECIMAL ("1.25") in whole minutes (75); refuses values that are not whole minutes. */
export function hoursToMinutes(text: string, field = 'hours'): number {
  const match = DECIMAL.exec(String(text).trim());
  if (!match || match[1] === '-') throw new LegacyValueError(`${field}: "${text}" is not a number of hours`);
  const fraction = match[3] ?? '';
  // minutes = hours × 60 = digits × 60 / 10^decimals, exact only when that division leaves nothing
  const scaled = BigInt(match[2] + fraction) * 60n;
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n)
    throw new LegacyValueError(`${field}: ${text} h is not a whole number of minutes`);
  return Number(scaled / divisor);
}

/** A percentage DECIMAL ("20.00", "7.5") in basis points (2000, 750). */
export function percentToBasisPoints(text: string, field = 'tax_rate'): number {
  const match = DECIMAL.exec(String(text).trim());
  if (!match || match[1] === '-') throw new LegacyValueError(`${field}: "${text}" is not a percentage`);
  const fraction = match[3] ?? '';
  if (/[1-9]/.test(fraction.slice(2)))
    throw new LegacyValueError(`${field}: ${text} % is finer than a basis point`);
  return Number(match[2] + fraction.slice(0, 2).padEnd(2, '0'));
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** MySQL's "zero" dates (0000-00-00 …) and NULL mean "no value" in Laravel 4 data. */
function isZeroDate(text: string | null | undefined): boolean {
  return !text || text.startsWith('0000-00-00');
}

/** A TIMESTAMP column read with the session time zone at UTC, as an instant; null for NULL or zero dates. */
export function utcTimestamp(text: string | null | undefined, field: string): Date | null {
  if (isZeroDate(text)) return null;
  const match = DATETIME.exec(text!);
  if (!match) throw new LegacyValueError(`${field}: "${text}" is not a date and time`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== d)
    throw new LegacyValueError(`${field}: "${text}" is not a real date`);
  return date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when the IANA time zone name is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone, as milliseconds of the same fields read as UTC. */
function formattedWallClockMs(instantMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instantMs)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const DAY_MS = 86_400_000;
/** per zone, per UTC day: the zone's offset that whole day, or null on a day its offset changes */
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * As formattedWallClockMs (whole seconds), but asking the formatter once per zone and UTC day: a day that
 * starts and ends with the same offset keeps it throughout (zones change their offset at most a few
 * times a year); on a day of a change every instant is formatted.
 */
function wallClockMs(instantMs: number, zone: string): number {
  let days = dayOffsets.get(zone);
  if (!days) dayOffsets.set(zone, (days = new Map()));
  const day = Math.floor(instantMs / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = day * DAY_MS;
    const first = formattedWallClockMs(start, zone) - start;
    const last = formattedWallClockMs(start + DAY_MS - 1000, zone) - (start + DAY_MS - 1000);
    offset = first === last ? first : null;
    if (days.size > 100_000) days.clear();
    days.set(day, offset);
  }
  if (offset === null) return formattedWallClockMs(instantMs, zone);
  const seconds = Math.floor(instantMs / 1000) * 1000;
  return seconds + offset;
}

/**
 * A DATETIME wall-clock value written in `zone` as the instant it meant. Where the zone's clocks were
 * turned back (the wall time happened twice) the earlier instant is taken, and a wall time skipped when
 * the clocks went forward is read with the offset in force before the change (so it lands after the
 * gap), as PHP's DateTime, which wrote these values, resolves both.
 */
export function zonedDateTime(text: string | null | undefined, zone: string, field: string): Date | null {
  if (isZeroDate(text)) return null;
  const match = DATETIME.exec(text!);
  if (!match) throw new LegacyValueError(`${field}: "${text}" is not a date and time`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) throw new LegacyValueError(`${field}: "${text}" is not a real date`);
  const day = 86_400_000;
  const before = wallClockMs(wall - day, zone) - (wall - day);
  const after = wallClockMs(wall + day, zone) - (wall + day);
  const matching = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, zone) === wall)
    .sort((a, b) => a - b);
  return new Date(matching.length ? matching[0] : wall - before);
}

/** A DATE column ("2024-03-01") as is; null for NULL or zero dates. */
export function calendarDate(text: string | null | undefined, field: string): string | null {
  if (isZeroDate(text)) return null;
  if (!isCalendarDate(text)) throw new LegacyValueError(`${field}: "${text}" is not a calendar date`);
  return text;
}

export function requiredDate(text: string | null | undefined, field: string): string {
  const date = calendarDate(text, field);
  if (!date) throw new LegacyValueError(`${field}: missing`);
  return date;
}

/** Maps a legacy enum value through a table; unknown values fail the row. */
export function mapped<T>(table: Readonly<Record<string, T>>, value: string, field: string): T {
  if (!Object.prototype.hasOwnProperty.call(table, value))
    throw new LegacyValueError(`${field}: unknown value "${value}"`);
  return table[value];
}

/** Legacy task statuses → task statuses (a workflow state's category uses the same words). */
export const TASK_STATUS: Readonly<
  Record<string, 'todo' | 'in_progress' | 'blocked' | 'done' | 'cancelled'>
> = {
  open: 'todo',
  todo: 'todo',
  in_progress: 'in_progress',
  blocked: 'blocked',
  completed: 'done',
  done: 'done',
  cancelled: 'cancelled',
};

export const PROGRAM_STATUS: Readonly<Record<string, 'active' | 'on_hold' | 'closed'>> = {
  active: 'active',
  on_hold: 'on_hold',
  closed: 'closed',
  // Laravel Oversing archived finished programs; the new model calls that closed
  archived: 'closed',
};

/** Roles of application_instance_users → the tenant's system roles. */
export const INSTANCE_ROLE: Readonly<Record<string, string>> = {
  admin: 'admin',
  manager: 'project_manager',
  member: 'member',
  viewer: 'viewer',
  compliance: 'compliance_officer',
};

/** audit_logs.auditable_type (Eloquent model class) → the new model's audit entity type. */
export const AUDITABLE_TYPE: Readonly<Record<string, string>> = {
  User: 'user',
  Program: 'program',
  Task: 'task',
  Workflow: 'workflow',
  TimeCard: 'time_card',
  WorkLog: 'work_log',
  Contract: 'contract',
  Invoice: 'invoice',
};

/** A text column that may be NULL, as the new model's NOT NULL '' default. */
export function text(value: string | null | undefined): string {
  return value ?? '';
}
