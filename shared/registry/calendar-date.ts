const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/u;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a real `YYYY-MM-DD` date: 2025-02-29 and 2025-11-31 are not. */
export function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const monthLength = month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1];
  return monthLength !== undefined && day >= 1 && day <= monthLength;
}

/** Today's `YYYY-MM-DD` in a time zone: a verification done this morning in WITA is not "future". */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
