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
  /** The public log's head: the one item its sequencer compares-and-swaps. */
  logHead: (): PrimaryKey => ({ pk: 'LOG', sk: 'HEAD' }),
  /** Entries [start, start + count) of the public log, as canonical JSON lines. */
  logBatch: (start: number): PrimaryKey => ({ pk: 'LOG', sk: `BATCH#${String(start).padStart(15, '0')}` }),
  logPartition: 'LOG',
  logBatchPrefix: 'BATCH#',
  /** Where the local stream poller got to in one shard (AWS keeps this for its event source itself). */
  logStreamPosition: (shardId: string): PrimaryKey => ({ pk: 'LOG', sk: `STREAM#${shardId}` }),
  /** The log index of a ledger entry a receipt is asked for (confirmed contributions). */
  logPosition: (entryId: string): PrimaryKey => ({ pk: `LOGPOSITION#${entryId}`, sk: 'LOGPOSITION' }),

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
  /**
   * Aggregate accounts (funds, contributors, kecamatan, expenses, clearing) share one index
   * partition the public reports read whole; the many per-household payable accounts get their own.
   */
  accountIndex: (name: string): IndexKeys => ({
    gsi1pk: name.startsWith('payable:') ? 'PAYABLE_ACCOUNTS' : 'ACCOUNTS',
    gsi1sk: name,
  }),
  /** The same index keys as expression values, for UpdateExpressions that SET them. */
  accountIndexValues: (name: string): Record<string, string> => {
    const index = keys.accountIndex(name);
    return { ':gsi1pk': index.gsi1pk, ':gsi1sk': index.gsi1sk };
  },
  accountsPartition: 'ACCOUNTS',
  payableAccountsPartition: 'PAYABLE_ACCOUNTS',

  /** A confirmed contribution as a FIFO source of its fund: the sort key is the confirmation order. */
  fundingSource: (fund: string, confirmedAt: string, contributionId: string): PrimaryKey => ({
    pk: `SOURCES#${fund}`,
    sk: `${confirmedAt}#${contributionId}`,
  }),
  fundingSourcesPartition: (fund: string): string => `SOURCES#${fund}`,
  /** Per fund and fiscal year: confirmed, ceremonial and amil totals the spending caps are measured against. */
  fundYear: (fund: string, year: number): PrimaryKey => ({ pk: `FUNDYEAR#${fund}`, sk: String(year) }),
  /** Per contributor: disbursed, programme, ceremonial (attributed rupiah) and reached households. */
  organisationStats: (orgId: string): PrimaryKey => ({ pk: `ORG#${orgId}`, sk: 'STATS' }),
  /** One contributor's money that reached one household (amount, kecamatan). */
  reachedHousehold: (orgId: string, household: string): PrimaryKey => ({
    pk: `ORG#${orgId}`,
    sk: `REACHED#${household}`,
  }),
  reachedHouseholdPrefix: 'REACHED#',
  /** Per kecamatan and fund: money reserved for households there and not yet paid. */
  kecamatanFundStats: (kecamatan: string, fund: string): PrimaryKey => ({
    pk: 'KECAMATAN_STATS',
    sk: `${kecamatan}#FUND#${fund}`,
  }),
  /** Per kecamatan: graduated households and those found fallen back at a follow-up. */
  kecamatanGraduationStats: (kecamatan: string): PrimaryKey => ({
    pk: 'KECAMATAN_STATS',
    sk: `${kecamatan}#GRADUATION`,
  }),
  kecamatanStatsPartition: 'KECAMATAN_STATS',

  settings: (): PrimaryKey => ({ pk: 'CITY', sk: 'SETTINGS' }),

  activity: (subject: string, at: string, id: string): PrimaryKey => ({
    pk: `ACTIVITY#${subject}`,
    sk: `${at}#${id}`,
  }),
  activityIndex: (at: string, id: string): IndexKeys => ({ gsi1pk: 'ACTIVITY', gsi1sk: `${at}#${id}` }),
  activityPartition: 'ACTIVITY',

  household: (pseudonym: string): PrimaryKey => ({ pk: `HOUSEHOLD#${pseudonym}`, sk: 'PROFILE' }),
  householdIndex: (kecamatan: string, pseudonym: string): IndexKeys => ({
    gsi1pk: `REGISTRY#${kecamatan}`,
    gsi1sk: pseudonym,
  }),
  /** Which household (and kecamatan) holds a KK, by the KK's keyed digest. */
  /** What one household received (reserved, net of returns) in one fiscal year, over every fund. */
  householdYear: (pseudonym: string, year: number): PrimaryKey => ({
    pk: `HOUSEHOLD#${pseudonym}`,
    sk: `YEAR#${year}`,
  }),
  householdYearIndex: (year: number, pseudonym: string): IndexKeys => ({
    gsi1pk: `RECEIVED#${year}`,
    gsi1sk: pseudonym,
  }),
  graduation: (pseudonym: string): PrimaryKey => ({ pk: `HOUSEHOLD#${pseudonym}`, sk: 'GRADUATION' }),
  graduationIndex: (pseudonym: string): IndexKeys => ({ gsi1pk: 'GRADUATIONS', gsi1sk: pseudonym }),
  graduationsPartition: 'GRADUATIONS',
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
  proposalIndex: (id: string): IndexKeys => ({ gsi1pk: 'PROPOSALS', gsi1sk: id }),
  proposalsPartition: 'PROPOSALS',

  disbursement: (id: string): PrimaryKey => ({ pk: `DISBURSEMENT#${id}`, sk: 'DISBURSEMENT' }),
  disbursementIndex: (paidAt: string, id: string): IndexKeys => ({
    gsi1pk: 'DISBURSEMENTS',
    gsi1sk: `${paidAt}#${id}`,
  }),
  /** Guard item: one bank reference pays one line, per channel. */
  paymentReference: (channel: string, normalisedReference: string): PrimaryKey => ({
    pk: `PAYMENTREF#${channel}#${normalisedReference}`,
    sk: 'PAYMENTREF',
  }),
  /** An uploaded evidence file, by the SHA-256 of its bytes (the bytes live in S3 or a local directory). */
  evidence: (sha256: string): PrimaryKey => ({ pk: `EVIDENCE#${sha256}`, sk: 'EVIDENCE' }),

  expense: (id: string): PrimaryKey => ({ pk: `EXPENSE#${id}`, sk: 'EXPENSE' }),
  expenseIndex: (fund: string, at: string, id: string): IndexKeys => ({
    gsi1pk: `EXPENSES#${fund}`,
    gsi1sk: `${at}#${id}`,
  }),

  programme: (id: string): PrimaryKey => ({ pk: `PROGRAMME#${id}`, sk: 'PROGRAMME' }),
  programmeIndex: (id: string): IndexKeys => ({ gsi1pk: 'PROGRAMMES', gsi1sk: id }),
  programmesPartition: 'PROGRAMMES',
  /** A household's recorded targets for one stage of a staged programme. */
  stageTargets: (programme: string, household: string, stage: number): PrimaryKey => ({
    pk: `TARGETS#${programme}#${household}`,
    sk: `STAGE#${String(stage).padStart(2, '0')}`,
  }),
  stageTargetsIndex: (programme: string, stage: number, household: string): IndexKeys => ({
    gsi1pk: `TARGETS#${programme}#STAGE#${String(stage).padStart(2, '0')}`,
    gsi1sk: household,
  }),
  /** Which households received which tranche of a programme: guards against paying a tranche twice. */
  trancheReceipt: (programme: string, household: string, tranche: number): PrimaryKey => ({
    pk: `TARGETS#${programme}#${household}`,
    sk: `TRANCHE#${String(tranche).padStart(2, '0')}`,
  }),
  trancheReceiptIndex: (programme: string, tranche: number, household: string): IndexKeys => ({
    gsi1pk: `TRANCHE#${programme}#${String(tranche).padStart(2, '0')}`,
    gsi1sk: household,
  }),

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
