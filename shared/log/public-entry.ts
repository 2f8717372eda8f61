import { canonicalJson } from '../allocation/canonical-json.ts';
import type { Fund } from '../domain/funds.ts';
import { accountParts, accountType, type LedgerEntry, type Posting } from '../domain/ledger.ts';

/**
 * The public form of one log entry, the only thing the public log ever holds. It is written as
 * RFC 8785 canonical JSON, so anyone can re-serialise a parsed entry and get the leaf's exact bytes.
 * Documented field by field in shared/log/PUBLIC-ENTRY.md.
 */
export interface PublicEntry {
  readonly v: 1;
  readonly index: number;
  readonly time: string;
  readonly id: string;
  readonly type: PublicEntryType;
  readonly fund?: Fund;
  readonly postings: readonly Posting[];
  readonly amount: number;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly organisation?: string;
  readonly kecamatan?: readonly string[];
  readonly category?: string;
  readonly households?: readonly string[];
  readonly evidenceSha256?: string;
  readonly refs: Readonly<Record<string, string>>;
  readonly sources?: readonly PublicSource[];
  readonly graduation?: { readonly kind: string; readonly on: string };
}

export type PublicEntryType = LedgerEntry['type'] | 'household.graduated';

export interface PublicSource {
  readonly contributionId: string;
  readonly orgId: string;
  readonly amount: number;
}

/** What the sequencer reads from the table: a ledger entry or a graduation, never anything else. */
export type LoggableRecord =
  | { readonly kind: 'entry'; readonly entry: LedgerEntry }
  | { readonly kind: 'graduation'; readonly graduation: PublicGraduation };

export interface PublicGraduation {
  readonly household: string;
  readonly kecamatan: string;
  readonly kind: string;
  readonly graduatedOn: string;
  readonly recordedAt: string;
}

/**
 * Ids only: free text (a reversal's reason), people (createdBy) and names never reach the log.
 * A ref not named here is dropped, so a new ref must be added on purpose before it goes public.
 */
const publicRefs = [
  'contributionId',
  'pledgeId',
  'orgId',
  'proposalId',
  'disbursementId',
  'lineId',
  'fromLine',
  'toLine',
  'expenseId',
  'category',
  'place',
] as const;

export function recordId(record: LoggableRecord): string {
  return record.kind === 'entry' ? record.entry.id : `graduation_${record.graduation.household}`;
}

export function toPublicEntry(record: LoggableRecord, index: number): PublicEntry {
  return record.kind === 'entry' ? fromLedgerEntry(record.entry, index) : fromGraduation(record.graduation, index);
}

function fromLedgerEntry(entry: LedgerEntry, index: number): PublicEntry {
  const postings = entry.postings.map(({ account, amount }) => ({ account, amount }));
  const partsOf = (type: string) =>
    unique(postings.filter((p) => accountType(p.account) === type).map((p) => p.account));
  const found: [string, string][] = [];
  for (const name of publicRefs) {
    const value = entry.refs[name];
    if (value !== undefined) found.push([name, value]);
  }
  if (entry.reverses) found.push(['reverses', entry.reverses]);
  const refs = Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : 1)));
  const kecamatan = unique(
    [...partsOf('households'), ...partsOf('expense')]
      .map((account) => accountParts(account).at(-1) ?? '')
      .filter((place) => /^\d{2}\.\d{2}\.\d{2}$/.test(place)),
  );
  const households = partsOf('payable').map((account) => accountParts(account)[0] ?? '');
  const organisations = unique(partsOf('contributor').map((account) => accountParts(account)[0] ?? ''));
  const category = partsOf('expense').map((account) => accountParts(account)[0] ?? '')[0];
  const evidence = entry.refs['evidenceSha256'];
  // Keys in sorted order throughout: see publicEntryBytes.
  return {
    amount: postings.reduce((sum, p) => (p.amount > 0 ? sum + p.amount : sum), 0),
    ...(category ? { category } : {}),
    ...(evidence && /^[0-9a-f]{64}$/.test(evidence) ? { evidenceSha256: evidence } : {}),
    from: unique(postings.filter((p) => p.amount < 0).map((p) => p.account)),
    fund: entry.fund,
    ...(households.length > 0 ? { households } : {}),
    id: entry.id,
    index,
    ...(kecamatan.length > 0 ? { kecamatan } : {}),
    ...(organisations.length === 1 ? { organisation: organisations[0] } : {}),
    postings,
    refs,
    ...(entry.attributions && entry.attributions.length > 0 ? { sources: sourcesOf(entry) } : {}),
    time: entry.createdAt,
    to: unique(postings.filter((p) => p.amount > 0).map((p) => p.account)),
    type: entry.type,
    v: 1,
  };
}

function fromGraduation(graduation: PublicGraduation, index: number): PublicEntry {
  return {
    amount: 0,
    from: [],
    graduation: { kind: graduation.kind, on: graduation.graduatedOn },
    households: [graduation.household],
    id: `graduation_${graduation.household}`,
    index,
    kecamatan: [graduation.kecamatan],
    postings: [],
    refs: {},
    time: graduation.recordedAt,
    to: [],
    type: 'household.graduated',
    v: 1,
  };
}

/** Per contribution, in first-use order: a chunk of 90 lines funded by one contribution is one source. */
function sourcesOf(entry: LedgerEntry): PublicSource[] {
  const byContribution = new Map<string, PublicSource>();
  for (const { contributionId, orgId, amount } of entry.attributions ?? []) {
    const known = byContribution.get(contributionId);
    byContribution.set(contributionId, { amount: (known?.amount ?? 0) + amount, contributionId, orgId });
  }
  return [...byContribution.values()];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

const encoder = new TextEncoder();

/**
 * The leaf's bytes: RFC 8785 canonical JSON, UTF-8. The entries above are built with their keys
 * already sorted and hold only strings and safe integers, for which JSON.stringify writes exactly
 * RFC 8785; anything else (an entry built elsewhere) goes through canonicalJson. An entry bundle
 * holds at most 65,535 bytes per entry.
 */
export function publicEntryBytes(entry: PublicEntry): Uint8Array {
  const bytes = encoder.encode(hasSortedKeys(entry) ? JSON.stringify(entry) : canonicalJson(entry));
  if (bytes.length > 0xffff) throw new Error(`public entry ${entry.index} is ${bytes.length} bytes, over 65,535`);
  return bytes;
}

function hasSortedKeys(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(hasSortedKeys);
  if (value === null || typeof value !== 'object') return typeof value !== 'number' || Number.isSafeInteger(value);
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return false;
  return keys.every((key) => hasSortedKeys((value as Record<string, unknown>)[key]));
}
