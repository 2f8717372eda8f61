const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/u;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real `YYYY-MM-DD` date: 2025-02-29 and 2025-11-31 are not. */
export function isCalendarDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * `date` minus whole calendar months. When the day does not exist in the target month it becomes
 * that month's last day (2026-03-31 minus 1 month is 2026-02-28), the rule spreadsheets and most
 * date libraries use, so "verified within 1 month of 31 March" starts on 28 February.
 */
export function monthsBefore(date: string, months: number): string {
  const match = isoDate.exec(date);
  if (!match) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
