/**
 * Every key and index value Terang writes, in one place (the habit ElectroDB teaches: declare key
 * composition once). Nothing else in the code base builds a `pk`, `sk`, `gsi1pk` or `gsi1sk`.
 */
export interface PrimaryKey {
  readonly pk: string;
  readonly sk: string;
}

export interface IndexKeys {
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

export const keys = {
  city: (): PrimaryKey => ({ pk: 'CITY', sk: 'PROFILE' }),
  kecamatan: (code: string): PrimaryKey => ({ pk: 'CITY', sk: `KECAMATAN#${code}` }),
  kecamatanPrefix: 'KECAMATAN#',

  organisation: (id: string): PrimaryKey => ({ pk: `ORG#${id}`, sk: 'PROFILE' }),
  organisationIndex: (id: string): IndexKeys => ({ gsi1pk: 'ORGANISATIONS', gsi1sk: id }),
  organisationsPartition: 'ORGANISATIONS',

  pledge: (id: string): PrimaryKey => ({ pk: `PLEDGE#${id}`, sk: 'PLEDGE' }),
  pledgeIndex: (orgId: string, id: string): IndexKeys => ({ gsi1pk: `ORG#${orgId}#PLEDGES`, gsi1sk: id }),

  contribution: (id: string): PrimaryKey => ({ pk: `CONTRIBUTION#${id}`, sk: 'CONTRIBUTION' }),
  contributionIndex: (orgId: string, id: string): IndexKeys => ({ gsi1pk: `ORG#${orgId}#CONTRIBUTIONS`, gsi1sk: id }),
  /** Guard item that makes a bank reference unique per organisation. */
  transferRef: (orgId: string, normalisedRef: string): PrimaryKey => ({
    pk: `ORG#${orgId}`,
    sk: `TRANSFERREF#${normalisedRef}`,
  }),

  entry: (id: string): PrimaryKey => ({ pk: `ENTRY#${id}`, sk: 'ENTRY' }),
  entryIndex: (fund: string, createdAt: string, id: string): IndexKeys => ({
    gsi1pk: `LEDGER#${fund}`,
    gsi1sk: `${createdAt}#${id}`,
  }),

  account: (name: string): PrimaryKey => ({ pk: `ACCOUNT#${name}`, sk: 'BALANCE' }),
  accountIndex: (name: string): IndexKeys => ({ gsi1pk: 'ACCOUNTS', gsi1sk: name }),
  /** The same index keys as expression values, for UpdateExpressions that SET them. */
  accountIndexValues: (name: string): Record<string, string> => {
    const index = keys.accountIndex(name);
    return { ':gsi1pk': index.gsi1pk, ':gsi1sk': index.gsi1sk };
  },
  accountsPartition: 'ACCOUNTS',

  household: (pseudonym: string): PrimaryKey => ({ pk: `HOUSEHOLD#${pseudonym}`, sk: 'PROFILE' }),
  householdIndex: (kecamatan: string, pseudonym: string): IndexKeys => ({
    gsi1pk: `REGISTRY#${kecamatan}`,
    gsi1sk: pseudonym,
  }),
  /** Which household (and kecamatan) holds a KK, by the KK's keyed digest. */
  kk: (kkDigest: string): PrimaryKey => ({ pk: `KK#${kkDigest}`, sk: 'KK' }),
  registryImport: (id: string): PrimaryKey => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  registryHead: (): PrimaryKey => ({ pk: 'REGISTRY', sk: 'HEAD' }),
  registrySnapshot: (version: number): PrimaryKey => ({
    pk: 'REGISTRY',
    sk: `SNAPSHOT#${String(version).padStart(8, '0')}`,
  }),

  proposal: (id: string): PrimaryKey => ({ pk: `PROPOSAL#${id}`, sk: 'PROPOSAL' }),
  proposalLine: (proposalId: string, lineId: string): PrimaryKey => ({
    pk: `PROPOSAL#${proposalId}`,
    sk: `LINE#${lineId}`,
  }),
  proposalLinePrefix: 'LINE#',

  /** Powertools Idempotency records: static partition, the hashed key as sort key. */
  idempotencyPartition: 'IDEMPOTENCY',
} as const;

const keyAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'entity'] as const;

/** Strips key attributes and the entity tag off a stored item, leaving the domain record. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const record: Record<string, unknown> = { ...item };
  for (const attribute of keyAttributes) delete record[attribute];
  return record as T;
}
