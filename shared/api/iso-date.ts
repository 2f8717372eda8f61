const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/u;
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/u;

/**
 * Parses an ISO 8601 calendar date (`2026-11-20`, taken as UTC midnight) or a date-time with an
 * explicit offset (`2026-11-20T10:15:00+08:00`). Impossible dates such as 2026-02-30 are refused
 * instead of being rolled over into March.
 */
export function parseIsoInstant(text: string): Date | undefined {
  const match = isoDateTime.exec(text) ?? isoDate.exec(text);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return undefined;
  const instant = new Date(match.length > 4 ? text : `${text}T00:00:00Z`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
