import type { Rupiah } from './money.ts';

/** Programme categories money can be restricted to (the same codes later used for expenses). */
export const earmarkCategories = [
  'education',
  'health',
  'business_capital',
  'clean_water',
  'training',
  'equipment',
] as const;
export type EarmarkCategory = (typeof earmarkCategories)[number];

/** A restriction on how money may be spent: only in these kecamatan and/or on this category. */
export interface Earmark {
  readonly kecamatan?: readonly string[];
  readonly category?: EarmarkCategory;
}

/** A komitmen: a promise to pay, not money. Money exists only once a contribution is confirmed. */
export interface Pledge {
  readonly id: string;
  readonly orgId: string;
  readonly amount: Rupiah;
  readonly fiscalYear: number;
  readonly earmark?: Earmark;
  readonly createdAt: string;
  readonly createdBy: string;
}
