/**
 * ISO weeks on calendar dates (YYYY-MM-DD, no time zone): the time card of a work log is the ISO week of
 * its work_date, as the API files it.
 */
const DAY = 86_400_000;

const toDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
const toYmd = (d: Date) => d.toISOString().slice(0, 10);

/** Today's calendar date in the user's time zone. */
export function today(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return toYmd(local);
}

export function addDays(ymd: string, days: number): string {
  return toYmd(new Date(toDate(ymd).getTime() + days * DAY));
}

/** The Monday that starts the ISO week of a date. */
export function weekStart(ymd: string): string {
  const day = (toDate(ymd).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(ymd, -day);
}

/** The ISO week of a date, e.g. 2026-W12 (the week belongs to the year of its Thursday). */
export function isoWeek(ymd: string): string {
  const thursday = toDate(addDays(weekStart(ymd), 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The seven dates of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** 135 → "2:15" (hours and minutes of logged time). */
export function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
