/**
 * Client for the public, read-only API served from the same origin.
 * Responses are checked at runtime so a malformed payload shows the error
 * state instead of a page full of "NaN".
 */

export const FUNDS = ['CSR', 'ZAKAT', 'INFAK'] as const;
export type Fund = (typeof FUNDS)[number];

export interface Summary {
  /** null when the deployment has no city configured yet. */
  city: { code: string; name: string } | null;
  demo: boolean;
  pledged: number;
  confirmed: number;
  byFund: Record<Fund, number>;
  organisations: number;
  asOf: string;
}

export type OrganisationKind = 'company' | 'baznas';

export interface Organisation {
  id: string;
  name: string;
  /** 'company' | 'baznas'; unknown kinds are passed through as-is. */
  kind: string;
  pledged: number;
  confirmed: number;
  /** Households the organisation's money reached (paid, net of returns). */
  reachedHouseholds: number;
  /** Paid to households, in rupiah. */
  disbursed: number;
  /** Non-ceremonial expenses, in rupiah. */
  programme: number;
  /** Ceremonial spending, in rupiah. */
  ceremonial: number;
  /** ceremonial ÷ (disbursed + programme + ceremonial), a fraction; 0 when nothing was spent. */
  ceremonialShare: number;
}

export type FlowNodeKind = 'contributor' | 'fund' | 'kecamatan' | 'use';

export interface FlowNode {
  /** `contributor:<orgId>`, `fund:<F>`, `kecamatan:<code>` (`kecamatan:city` = city-wide), `use:<use>`. */
  id: string;
  kind: FlowNodeKind;
  label: string;
}

export interface FlowLink {
  source: string;
  target: string;
  fund: Fund;
  amount: number;
}

export interface Flows {
  nodes: FlowNode[];
  links: FlowLink[];
}

export interface Kecamatan {
  code: string;
  name: string;
  poorHouseholds: number;
  /** Potential beneficiaries in the registry (active, desil 1–4); null when withheld (fewer than 5) or unknown. */
  eligibleHouseholds: number | null;
}

export const API_PATHS = {
  summary: '/api/public/summary',
  organisations: '/api/public/organisations',
  kecamatan: '/api/public/kecamatan',
  flows: '/api/public/flows',
} as const;

type Json = Record<string, unknown>;

function fail(what: string): never {
  throw new TypeError(`Unexpected API response: ${what}`);
}

function obj(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what);
  return value as Json;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(what);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(what);
  return value;
}

function items(value: unknown, what: string): unknown[] {
  const list = obj(value, what).items;
  if (!Array.isArray(list)) fail(`${what}.items`);
  return list;
}

export function parseSummary(value: unknown): Summary {
  const body = obj(value, 'summary');
  const city = body.city === null ? null : obj(body.city, 'summary.city');
  const byFund = obj(body.byFund, 'summary.byFund');
  return {
    city: city && { code: str(city.code, 'city.code'), name: str(city.name, 'city.name') },
    demo: body.demo === true,
    pledged: num(body.pledged, 'summary.pledged'),
    confirmed: num(body.confirmed, 'summary.confirmed'),
    byFund: {
      // a fund with no money yet may be omitted by the server
      CSR: num(byFund.CSR ?? 0, 'byFund.CSR'),
      ZAKAT: num(byFund.ZAKAT ?? 0, 'byFund.ZAKAT'),
      INFAK: num(byFund.INFAK ?? 0, 'byFund.INFAK'),
    },
    organisations: num(body.organisations, 'summary.organisations'),
    asOf: str(body.asOf, 'summary.asOf'),
  };
}

export function parseOrganisations(value: unknown): Organisation[] {
  return items(value, 'organisations').map((item, i) => {
    const o = obj(item, `organisations[${i}]`);
    return {
      id: str(o.id, `organisations[${i}].id`),
      name: str(o.name, `organisations[${i}].name`),
      kind: str(o.kind, `organisations[${i}].kind`),
      pledged: num(o.pledged, `organisations[${i}].pledged`),
      confirmed: num(o.confirmed, `organisations[${i}].confirmed`),
      reachedHouseholds: num(o.reachedHouseholds, `organisations[${i}].reachedHouseholds`),
      disbursed: num(o.disbursed, `organisations[${i}].disbursed`),
      programme: num(o.programme, `organisations[${i}].programme`),
      ceremonial: num(o.ceremonial, `organisations[${i}].ceremonial`),
      ceremonialShare: num(o.ceremonialShare, `organisations[${i}].ceremonialShare`),
    };
  });
}

export function parseKecamatan(value: unknown): Kecamatan[] {
  return items(value, 'kecamatan').map((item, i) => {
    const k = obj(item, `kecamatan[${i}]`);
    return {
      code: str(k.code, `kecamatan[${i}].code`),
      name: str(k.name, `kecamatan[${i}].name`),
      poorHouseholds: num(k.poorHouseholds, `kecamatan[${i}].poorHouseholds`),
      eligibleHouseholds:
        k.eligibleHouseholds == null ? null : num(k.eligibleHouseholds, `kecamatan[${i}].eligibleHouseholds`),
    };
  });
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) fail(what);
  return value as T;
}

const NODE_KINDS: readonly FlowNodeKind[] = ['contributor', 'fund', 'kecamatan', 'use'];

export function parseFlows(value: unknown): Flows {
  const body = obj(value, 'flows');
  const list = (key: 'nodes' | 'links') => {
    const entries = body[key];
    if (!Array.isArray(entries)) fail(`flows.${key}`);
    return entries.map((entry, i) => obj(entry, `flows.${key}[${i}]`));
  };
  return {
    nodes: list('nodes').map((n, i) => ({
      id: str(n.id, `flows.nodes[${i}].id`),
      kind: oneOf(n.kind, NODE_KINDS, `flows.nodes[${i}].kind`),
      label: str(n.label, `flows.nodes[${i}].label`),
    })),
    links: list('links').map((l, i) => ({
      source: str(l.source, `flows.links[${i}].source`),
      target: str(l.target, `flows.links[${i}].target`),
      fund: oneOf(l.fund, FUNDS, `flows.links[${i}].fund`),
      amount: num(l.amount, `flows.links[${i}].amount`),
    })),
  };
}

async function getJson<T>(path: string, parse: (value: unknown) => T, fetchFn: typeof fetch): Promise<T> {
  const response = await fetchFn(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path} failed with HTTP ${response.status}`);
  return parse(await response.json());
}

export const fetchSummary = (fetchFn: typeof fetch = fetch) => getJson(API_PATHS.summary, parseSummary, fetchFn);

export const fetchOrganisations = (fetchFn: typeof fetch = fetch) =>
  getJson(API_PATHS.organisations, parseOrganisations, fetchFn);

export const fetchKecamatan = (fetchFn: typeof fetch = fetch) => getJson(API_PATHS.kecamatan, parseKecamatan, fetchFn);

export const fetchFlows = (fetchFn: typeof fetch = fetch) => getJson(API_PATHS.flows, parseFlows, fetchFn);
