import { isCeremonial } from '../domain/expense-categories.ts';
import { funds, type Fund } from '../domain/funds.ts';
import { accountFund, accountParts, accountType, cityWide } from '../domain/ledger.ts';
import { sumRupiah, type Rupiah } from '../domain/money.ts';
import type { AccountBalance, KecamatanFundStat, TerangStore } from '../domain/store.ts';

/**
 * The public money-flow graph (a Sankey): contributor → fund → kecamatan → use. Built only from
 * aggregate account balances and the per kecamatan+fund `payable` counters, so it reads two index
 * partitions and two small lists whatever the number of households.
 */
export type FlowNodeKind = 'contributor' | 'fund' | 'kecamatan' | 'use';
export const flowUses = ['households', 'reserved', 'programmes', 'ceremonial', 'unspent'] as const;
export type FlowUse = (typeof flowUses)[number];

export interface FlowNode {
  /** `contributor:<orgId>`, `fund:<F>`, `kecamatan:<code>` (or `kecamatan:city`), `use:<use>`. */
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly label: string;
}

export interface FlowLink {
  readonly source: string;
  readonly target: string;
  /** Every link carries money of exactly one fund: funds never mix, even through a kecamatan node. */
  readonly fund: Fund;
  /** Integer rupiah, always > 0 (zero links are left out). */
  readonly amount: Rupiah;
}

export interface FlowAmounts {
  readonly confirmed: Rupiah;
  /** Paid to households. */
  readonly households: Rupiah;
  /** Reserved for households, not yet paid. */
  readonly reserved: Rupiah;
  /** Non-ceremonial expenses, amil included. */
  readonly programmes: Rupiah;
  readonly ceremonial: Rupiah;
  /** Still in the fund, or approved and awaiting reservation (clearing). */
  readonly unspent: Rupiah;
}

export interface FlowTotals extends FlowAmounts {
  readonly byFund: Readonly<Record<Fund, FlowAmounts>>;
}

export interface PublicFlows {
  readonly nodes: readonly FlowNode[];
  readonly links: readonly FlowLink[];
  readonly totals: FlowTotals;
  readonly asOf: string;
}

export interface FlowInputs {
  readonly balances: readonly AccountBalance[];
  readonly payable: readonly KecamatanFundStat[];
  readonly organisations: readonly { readonly id: string; readonly name: string }[];
  readonly kecamatan: readonly { readonly code: string; readonly name: string }[];
  readonly asOf: string;
}

export const nodeIds = {
  contributor: (orgId: string) => `contributor:${orgId}`,
  fund: (fund: Fund) => `fund:${fund}`,
  kecamatan: (code: string) => `kecamatan:${code}`,
  use: (use: FlowUse) => `use:${use}`,
};

const fundLabels: Record<Fund, string> = { CSR: 'CSR', ZAKAT: 'Zakat', INFAK: 'Infak' };
const useLabels: Record<FlowUse, string> = {
  households: 'Diterima keluarga',
  reserved: 'Dicadangkan, belum dibayar',
  programmes: 'Program',
  ceremonial: 'Belanja seremonial',
  unspent: 'Belum digunakan',
};
export const cityWideLabel = 'Seluruh kota';

type PlaceUse = Exclude<FlowUse, 'unspent'>;
/** The order in which read skew is taken off a fund's spending (see `reconcile`). */
const placeUses: readonly PlaceUse[] = ['reserved', 'households', 'programmes', 'ceremonial'];

/** One fund's money, as read: where it came from and where it is now. */
interface FundBook {
  readonly contributors: Map<string, Rupiah>;
  /** kecamatan code (or `city`) → use → rupiah. */
  readonly places: Map<string, Map<PlaceUse, Rupiah>>;
  unspent: Rupiah;
}

function add<K>(map: Map<K, Rupiah>, key: K, amount: Rupiah): void {
  map.set(key, sumRupiah([map.get(key) ?? 0, amount]));
}

function place(book: FundBook, code: string): Map<PlaceUse, Rupiah> {
  let uses = book.places.get(code);
  if (!uses) book.places.set(code, (uses = new Map()));
  return uses;
}

function readBooks(balances: readonly AccountBalance[], payable: readonly KecamatanFundStat[]): Map<Fund, FundBook> {
  const books = new Map<Fund, FundBook>(
    funds.map((fund) => [fund, { contributors: new Map(), places: new Map(), unspent: 0 }]),
  );
  for (const { account, balance } of balances) {
    const book = books.get(accountFund(account));
    if (!book || !(balance > 0)) continue;
    const parts = accountParts(account);
    switch (accountType(account)) {
      case 'contributor':
        add(book.contributors, parts[0] ?? '', balance);
        break;
      case 'fund':
      case 'clearing':
        book.unspent = sumRupiah([book.unspent, balance]);
        break;
      case 'households':
        add(place(book, parts[0] ?? ''), 'households', balance);
        break;
      case 'expense':
        add(place(book, parts[1] ?? cityWide), isCeremonial(parts[0] ?? '') ? 'ceremonial' : 'programmes', balance);
        break;
    }
  }
  for (const { kecamatan, fund, payable: amount } of payable) {
    const book = books.get(fund);
    if (book && amount > 0) add(place(book, kecamatan), 'reserved', amount);
  }
  return books;
}

/**
 * Makes the fund balance: what contributors put in = what is spent, reserved or left. In the
 * ledger this holds exactly (Σ debit-normal = Σ contributor, and Σ payable per fund = Σ of the
 * payable counters, written in the same transactions), so `unspent` equals fund + clearing. The
 * reads are separate queries of eventually consistent indexes, though, so a write landing between
 * them can skew them for a moment: the difference is then absorbed by `unspent`, or, if spending
 * read ahead of contributions, taken off the newest kinds of spending first (reserved, then paid).
 */
function reconcile(book: FundBook): void {
  const confirmed = sumRupiah(book.contributors.values());
  const placed = sumRupiah([...book.places.values()].flatMap((uses) => [...uses.values()]));
  let deficit = placed - confirmed;
  book.unspent = Math.max(0, -deficit);
  for (const use of placeUses) {
    for (const uses of book.places.values()) {
      if (deficit <= 0) return;
      const taken = Math.min(deficit, uses.get(use) ?? 0);
      uses.set(use, (uses.get(use) ?? 0) - taken);
      deficit -= taken;
    }
  }
}

function amountsOf(book: FundBook): FlowAmounts {
  const byUse = (use: PlaceUse) => sumRupiah([...book.places.values()].map((uses) => uses.get(use) ?? 0));
  return {
    confirmed: sumRupiah(book.contributors.values()),
    households: byUse('households'),
    reserved: byUse('reserved'),
    programmes: byUse('programmes'),
    ceremonial: byUse('ceremonial'),
    unspent: book.unspent,
  };
}

function sumAmounts(all: readonly FlowAmounts[]): FlowAmounts {
  const total = (key: keyof FlowAmounts) => sumRupiah(all.map((amounts) => amounts[key]));
  return {
    confirmed: total('confirmed'),
    households: total('households'),
    reserved: total('reserved'),
    programmes: total('programmes'),
    ceremonial: total('ceremonial'),
    unspent: total('unspent'),
  };
}

/** Pure: the Sankey graph of the inputs. Every node's inflow equals its outflow, per fund. */
export function publicFlows(inputs: FlowInputs): PublicFlows {
  const books = readBooks(inputs.balances, inputs.payable);
  const links: FlowLink[] = [];
  const link = (source: string, target: string, fund: Fund, amount: Rupiah) => {
    if (amount > 0) links.push({ source, target, fund, amount });
  };
  for (const [fund, book] of books) {
    reconcile(book);
    const fundNode = nodeIds.fund(fund);
    for (const [orgId, amount] of book.contributors) link(nodeIds.contributor(orgId), fundNode, fund, amount);
    for (const [code, uses] of book.places) {
      const kecamatanNode = nodeIds.kecamatan(code);
      link(fundNode, kecamatanNode, fund, sumRupiah(uses.values()));
      for (const use of placeUses) link(kecamatanNode, nodeIds.use(use), fund, uses.get(use) ?? 0);
    }
    link(fundNode, nodeIds.use('unspent'), fund, book.unspent);
  }

  const nodes = orderedNodes(inputs, new Set(links.flatMap(({ source, target }) => [source, target])));
  const position = new Map(nodes.map((node, index) => [node.id, index]));
  links.sort(
    (a, b) =>
      (position.get(a.source) ?? 0) - (position.get(b.source) ?? 0) ||
      (position.get(a.target) ?? 0) - (position.get(b.target) ?? 0) ||
      funds.indexOf(a.fund) - funds.indexOf(b.fund),
  );
  const byFund = Object.fromEntries(funds.map((fund) => [fund, amountsOf(books.get(fund) as FundBook)])) as Record<
    Fund,
    FlowAmounts
  >;
  return { nodes, links, totals: { ...sumAmounts(Object.values(byFund)), byFund }, asOf: inputs.asOf };
}

/** The nodes some link touches, in drawing order: contributors by name, funds, kecamatan by code (city last), uses. */
function orderedNodes(inputs: FlowInputs, used: ReadonlySet<string>): FlowNode[] {
  const names = new Map(inputs.organisations.map((org) => [org.id, org.name]));
  const kecamatanNames = new Map(inputs.kecamatan.map((k) => [k.code, k.name]));
  const nodes: FlowNode[] = [];
  const contributors = [...used]
    .filter((id) => id.startsWith('contributor:'))
    .map((id) => {
      const orgId = id.slice('contributor:'.length);
      return { id, kind: 'contributor' as const, label: names.get(orgId) ?? orgId };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'id') || a.id.localeCompare(b.id));
  nodes.push(...contributors);
  for (const fund of funds) nodes.push({ id: nodeIds.fund(fund), kind: 'fund', label: fundLabels[fund] });
  const places = [...used]
    .filter((id) => id.startsWith('kecamatan:'))
    .map((id) => id.slice('kecamatan:'.length))
    .sort((a, b) => (a === cityWide ? 1 : b === cityWide ? -1 : a.localeCompare(b)));
  for (const code of places) {
    const label = code === cityWide ? cityWideLabel : (kecamatanNames.get(code) ?? code);
    nodes.push({ id: nodeIds.kecamatan(code), kind: 'kecamatan', label });
  }
  for (const use of flowUses) nodes.push({ id: nodeIds.use(use), kind: 'use', label: useLabels[use] });
  return nodes.filter((node) => used.has(node.id));
}

/** Reads what the graph needs (four queries, in parallel) and builds it. */
export async function readPublicFlows(store: TerangStore, now: Date): Promise<PublicFlows> {
  const [balances, payable, organisations, kecamatan] = await Promise.all([
    store.listAccountBalances(),
    store.listKecamatanFundStats(),
    store.listOrganisations(),
    store.listKecamatan(),
  ]);
  return publicFlows({ balances, payable, organisations, kecamatan, asOf: now.toISOString() });
}
