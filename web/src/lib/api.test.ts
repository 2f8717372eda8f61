import { describe, expect, it } from 'vitest';
import { fetchSummary, parseKecamatan, parseOrganisations, parseSummary } from './api';

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
        },
        {
          id: 'org_2',
          name: 'BAZNAS Kota Banjarmasin',
          kind: 'baznas',
          pledged: 0,
          confirmed: 350000000,
        },
      ],
    };

    // Act
    const organisations = parseOrganisations(body);

    // Assess
    expect(organisations).toEqual(body.items);
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
