import { describe, expect, it } from 'vitest';
import { fetchFlows, fetchSummary, parseFlows, parseKecamatan, parseOrganisations, parseSummary } from './api';

const summaryBody = {
  city: { code: '63.71', name: 'Kota Banjarmasin' },
  demo: true,
  pledged: 5000000000,
  confirmed: 1250000000,
  byFund: { CSR: 900000000, ZAKAT: 250000000, INFAK: 100000000 },
  organisations: 4,
  asOf: '2026-11-23T07:20:00.000Z',
};

describe('parseSummary', () => {
  it('accepts the documented summary payload', () => {
    // Prepare
    const body = structuredClone(summaryBody);

    // Act
    const summary = parseSummary(body);

    // Assess
    expect(summary).toEqual(summaryBody);
  });

  it('treats a fund missing from byFund as 0', () => {
    // Prepare
    const body = { ...summaryBody, byFund: { CSR: 900000000 } };

    // Act
    const summary = parseSummary(body);

    // Assess
    expect(summary.byFund).toEqual({ CSR: 900000000, ZAKAT: 0, INFAK: 0 });
  });

  it('treats anything but demo: true as real data', () => {
    // Prepare
    const { demo: _demo, ...body } = summaryBody;

    // Act
    const summary = parseSummary(body);

    // Assess
    expect(summary.demo).toBe(false);
  });

  it('accepts a summary without a configured city', () => {
    // Prepare
    const body = { ...summaryBody, city: null };

    // Act
    const summary = parseSummary(body);

    // Assess
    expect(summary.city).toBeNull();
  });

  it('ignores fields it does not display', () => {
    // Prepare
    const body = { ...summaryBody, balances: { CSR: 1, ZAKAT: 2, INFAK: 3 } };

    // Act
    const summary = parseSummary(body);

    // Assess
    expect(summary).toEqual(summaryBody);
  });

  it('rejects a non-numeric amount', () => {
    // Prepare
    const body = { ...summaryBody, pledged: '5000000000' };

    // Act
    const parse = () => parseSummary(body);

    // Assess
    expect(parse).toThrow(/summary\.pledged/);
  });
});

describe('parseOrganisations', () => {
  it('accepts the documented organisations payload', () => {
    // Prepare
    const body = {
      items: [
        {
          id: 'org_1',
          name: 'PT Contoh Sejahtera (fiktif)',
          kind: 'company',
          pledged: 2000000000,
          confirmed: 750000000,
          reachedHouseholds: 120,
          disbursed: 600000000,
          programme: 90000000,
          ceremonial: 10000000,
          ceremonialShare: 0.0143,
        },
        {
          id: 'org_2',
          name: 'BAZNAS Kota Banjarmasin',
          kind: 'baznas',
          pledged: 0,
          confirmed: 350000000,
          reachedHouseholds: 0,
          disbursed: 0,
          programme: 0,
          ceremonial: 0,
          ceremonialShare: 0,
        },
      ],
    };

    // Act
    const organisations = parseOrganisations(body);

    // Assess
    expect(organisations).toEqual(body.items);
  });

  it('ignores the per-kecamatan reach it does not display', () => {
    // Prepare
    const item = {
      id: 'org_1',
      name: 'PT Contoh',
      kind: 'company',
      pledged: 0,
      confirmed: 0,
      reachedHouseholds: 0,
      disbursed: 0,
      programme: 0,
      ceremonial: 0,
      ceremonialShare: 0,
    };

    // Act
    const [organisation] = parseOrganisations({ items: [{ ...item, reachedKecamatan: [] }] });

    // Assess
    expect(organisation).toEqual(item);
  });

  it('rejects an organisation without its outcome figures', () => {
    // Prepare
    const body = { items: [{ id: 'org_1', name: 'PT Contoh', kind: 'company', pledged: 0, confirmed: 0 }] };

    // Act
    const parse = () => parseOrganisations(body);

    // Assess
    expect(parse).toThrow(/organisations\[0\]\.reachedHouseholds/);
  });

  it('rejects a payload without an items array', () => {
    // Prepare
    const body = { data: [] };

    // Act
    const parse = () => parseOrganisations(body);

    // Assess
    expect(parse).toThrow(/organisations\.items/);
  });
});

describe('parseKecamatan', () => {
  it('accepts the documented kecamatan payload', () => {
    // Prepare
    const body = {
      items: [
        { code: '63.71.01', name: 'Banjarmasin Selatan', poorHouseholds: 11417, eligibleHouseholds: 51 },
        { code: '63.71.02', name: 'Banjarmasin Timur', poorHouseholds: 6621, eligibleHouseholds: null },
      ],
    };

    // Act
    const kecamatan = parseKecamatan(body);

    // Assess
    expect(kecamatan).toEqual(body.items);
  });

  it('reads a kecamatan without a registry count as withheld', () => {
    // Prepare
    const body = { items: [{ code: '63.71.01', name: 'Banjarmasin Selatan', poorHouseholds: 11417 }] };

    // Act
    const [kecamatan] = parseKecamatan(body);

    // Assess
    expect(kecamatan?.eligibleHouseholds).toBeNull();
  });

  it('rejects a row with a missing household count', () => {
    // Prepare
    const body = { items: [{ code: '63.71.01', name: 'Banjarmasin Selatan' }] };

    // Act
    const parse = () => parseKecamatan(body);

    // Assess
    expect(parse).toThrow(/kecamatan\[0\]\.poorHouseholds/);
  });
});

const flowsBody = {
  nodes: [
    { id: 'contributor:org_1', kind: 'contributor', label: 'PT Contoh' },
    { id: 'fund:CSR', kind: 'fund', label: 'CSR' },
    { id: 'use:unspent', kind: 'use', label: 'Belum digunakan' },
  ],
  links: [
    { source: 'contributor:org_1', target: 'fund:CSR', fund: 'CSR', amount: 5000000 },
    { source: 'fund:CSR', target: 'use:unspent', fund: 'CSR', amount: 5000000 },
  ],
};

describe('parseFlows', () => {
  it('accepts the documented flows payload, ignoring totals and asOf', () => {
    // Prepare
    const body = { ...structuredClone(flowsBody), totals: { confirmed: 5000000 }, asOf: '2026-11-23T07:20:00.000Z' };

    // Act
    const flows = parseFlows(body);

    // Assess
    expect(flows).toEqual(flowsBody);
  });

  it('rejects a link of an unknown fund', () => {
    // Prepare
    const body = { ...flowsBody, links: [{ ...flowsBody.links[0], fund: 'KAS' }] };

    // Act
    const parse = () => parseFlows(body);

    // Assess
    expect(parse).toThrow(/flows\.links\[0\]\.fund/);
  });

  it('rejects a node of an unknown kind', () => {
    // Prepare
    const body = { ...flowsBody, nodes: [{ id: 'x', kind: 'bank', label: 'X' }] };

    // Act
    const parse = () => parseFlows(body);

    // Assess
    expect(parse).toThrow(/flows\.nodes\[0\]\.kind/);
  });
});

describe('fetchFlows', () => {
  it('requests the public flows from the same origin', async () => {
    // Prepare
    const requested: string[] = [];
    const fakeFetch = (async (input: RequestInfo | URL) => {
      requested.push(String(input));
      return new Response(JSON.stringify(flowsBody), { status: 200 });
    }) as typeof fetch;

    // Act
    const flows = await fetchFlows(fakeFetch);

    // Assess
    expect(requested).toEqual(['/api/public/flows']);
    expect(flows.links).toHaveLength(2);
  });
});

describe('fetchSummary', () => {
  it('requests the public summary from the same origin', async () => {
    // Prepare
    const requested: string[] = [];
    const fakeFetch = (async (input: RequestInfo | URL) => {
      requested.push(String(input));
      return new Response(JSON.stringify(summaryBody), { status: 200 });
    }) as typeof fetch;

    // Act
    const summary = await fetchSummary(fakeFetch);

    // Assess
    expect(requested).toEqual(['/api/public/summary']);
    expect(summary.confirmed).toBe(1250000000);
  });

  it('fails on an HTTP error status', async () => {
    // Prepare
    const fakeFetch = (async () => new Response('{"error":"boom"}', { status: 500 })) as typeof fetch;

    // Act
    const result = fetchSummary(fakeFetch);

    // Assess
    await expect(result).rejects.toThrow(/HTTP 500/);
  });
});
