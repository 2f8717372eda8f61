import type { Fund } from './funds.ts';

export const organisationKinds = ['company', 'baznas'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly npwp?: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/**
 * Companies pay CSR (TJSL); BAZNAS pays zakat and infak. The city only records BAZNAS's money
 * (UU 23/2011 forbids it to collect zakat), so zakat can never come from anyone else.
 */
const fundsByKind: Record<OrganisationKind, readonly Fund[]> = {
  company: ['CSR'],
  baznas: ['ZAKAT', 'INFAK'],
};

export function fundsAllowedFor(kind: OrganisationKind): readonly Fund[] {
  return fundsByKind[kind];
}

export function mayContribute(kind: OrganisationKind, fund: Fund): boolean {
  return fundsByKind[kind].includes(fund);
}
