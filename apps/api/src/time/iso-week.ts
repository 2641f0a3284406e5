/** ISO 8601 weeks of calendar dates (YYYY-MM-DD, no time zone involved). */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === text;
}

export interface IsoWeek {
  /** e.g. "2026-W05" */
  week: string;
  /** Monday of that week, YYYY-MM-DD */
  weekStart: string;
}

export function isoWeekOf(day: string): IsoWeek {
  if (!isCalendarDate(day)) throw new RangeError(`not a date: ${day}`);
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(date.getTime() - weekday * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000);
  const number = Math.round((monday.getTime() - firstMonday.getTime()) / (7 * 86_400_000)) + 1;
  return {
    week: `${year}-W${String(number).padStart(2, '0')}`,
    weekStart: monday.toISOString().slice(0, 10),
  };
}
