import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { routes } from '../../functions/routes.ts';
import { demoRegistryCsv } from '../../infra/local/demo-registry.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declare, registerOrganisation } from '../support/scenario.ts';

/** Every NIK, KK, name and address of the imported registry: none may appear in any response. */
function personalValues(csv: string): string[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .flatMap((line) => line.split(';').slice(0, 4));
}

const registryCsv = demoRegistryCsv(120);
const secrets = personalValues(registryCsv);

let api: LocalApi;
const responses: { route: string; text: string }[] = [];

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  const officer = await api.token('officer');
  const imported = await api.call('POST', '/api/registry/imports', {
    token: officer,
    rawBody: registryCsv,
    headers: { 'content-type': 'text/csv' },
  });
  responses.push({ route: 'POST /api/registry/imports', text: JSON.stringify(imported.body) });
  responses.push({
    route: 'GET /api/registry/imports/{id}',
    text: JSON.stringify((await api.call('GET', `/api/registry/imports/${imported.body.id}`, { token: officer })).body),
  });

  const companyId = await registerOrganisation(api, 'company');
  const contribution = await declare(api, companyId, 'company', { amount: 100_000_000 });
  await api.call('POST', `/api/contributions/${contribution}/confirm`, { token: await api.token('treasurer') });
  const proposal = await api.call('POST', '/api/allocations', {
    token: officer,
    body: {
      rules: {
        fund: 'CSR',
        amount: 60_000_000,
        benefitPerHousehold: 1_500_000,
        asOf: '2026-11-01',
        eligibility: { maxDesil: 5, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: true },
        kecamatan: { weighting: 'official' },
      },
    },
  });
  responses.push({ route: 'POST /api/allocations', text: JSON.stringify(proposal.body) });
  responses.push({
    route: 'GET /api/allocations/{id}',
    text: JSON.stringify((await api.call('GET', `/api/allocations/${proposal.body.id}`, { token: officer })).body),
  });

  for (const route of routes.filter((candidate) => candidate.auth === 'none' && candidate.method === 'GET')) {
    responses.push({ route: `GET ${route.path}`, text: JSON.stringify((await api.call('GET', route.path)).body) });
  }
});

afterAll(async () => {
  await api.close();
});

describe('privacy of the household registry', () => {
  it('imported the registry and proposed lines for real', () => {
    const proposal = responses.find((response) => response.route === 'GET /api/allocations/{id}');

    expect(secrets.length).toBe(480);
    expect(JSON.parse(proposal?.text ?? '{}').lines.length).toBeGreaterThan(0);
  });

  it('shows no NIK, KK, name or address in any response, public or private', () => {
    const leaks = responses.flatMap(({ route, text }) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${route}: ${secret}`),
    );

    expect(leaks).toEqual([]);
  });

  it('covers every public read route', () => {
    const publicReads = routes
      .filter((route) => route.auth === 'none' && route.method === 'GET')
      .map((route) => `GET ${route.path}`);

    expect(responses.map((response) => response.route)).toEqual(expect.arrayContaining(publicReads));
  });
});
