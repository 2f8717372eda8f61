/** The three funds Terang keeps. They are never mixed and money never moves between them. */
export const funds = ['CSR', 'ZAKAT', 'INFAK'] as const;
export type Fund = (typeof funds)[number];

export function isFund(value: unknown): value is Fund {
  return typeof value === 'string' && (funds as readonly string[]).includes(value);
}
