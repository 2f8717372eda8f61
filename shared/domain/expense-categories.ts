/**
 * The fixed taxonomy of spending that is not a household payment. Ceremonial categories are the
 * heart of the mission (../shared/domain.md): capped per fund, refused for zakat, shown publicly.
 */
export const ceremonialCategories = ['ceremony', 'banner', 'event_catering', 'plaque', 'publicity'] as const;
export const programmeCategories = [
  'training',
  'equipment',
  'clean_water',
  'education',
  'health',
  'business_capital',
  'amil',
] as const;
export const expenseCategories = [...ceremonialCategories, ...programmeCategories] as const;

export type CeremonialCategory = (typeof ceremonialCategories)[number];
export type ExpenseCategory = (typeof expenseCategories)[number];

export function isCeremonial(category: string): category is CeremonialCategory {
  return (ceremonialCategories as readonly string[]).includes(category);
}

/** Bahasa Indonesia labels for the public pages and error messages. */
export const expenseCategoryLabels: Record<ExpenseCategory, string> = {
  ceremony: 'acara/peresmian',
  banner: 'spanduk/baliho',
  event_catering: 'konsumsi acara',
  plaque: 'plakat/cinderamata',
  publicity: 'publikasi/iklan',
  training: 'pelatihan',
  equipment: 'peralatan',
  clean_water: 'air bersih',
  education: 'pendidikan',
  health: 'kesehatan',
  business_capital: 'modal usaha',
  amil: 'hak amil (operasional)',
};
