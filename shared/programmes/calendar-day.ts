import { timeZoneOfProvince } from '../regions/time-zones.ts';

let formats: Map<string, Intl.DateTimeFormat> | undefined;

/** Today's date (`YYYY-MM-DD`) where the area (any Kemendagri code) lies: WITA in Banjarmasin. */
export function todayIn(areaCode: string, now: Date): string {
  const timeZone = timeZoneOfProvince(areaCode);
  formats ??= new Map();
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(now);
}
