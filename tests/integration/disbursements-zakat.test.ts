import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { fundWith, householdsIn, importRegistry, registryCsv } from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { paymentFor, reservedLines, uploadedEvidence } from './disbursements-support.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let evidence: string;
const households = householdsIn(['63.71.01', '63.71.02'], 4);

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-rahmat' });
  await importRegistry(api, registryCsv(households));
  await fundWith(api, 'ZAKAT', 10_000_000);
  await fundWith(api, 'CSR', 10_000_000);
  evidence = await uploadedEvidence(api);
});

afterAll(async () => {
  await api.close();
});

function pay(body: unknown) {
  return api.call('POST', '/api/disbursements', { token: officer, body });
}

describe('POST /api/disbursements of zakat', () => {
  it('pays a zakat line to a household the registry holds as mustahik', async () => {
    const [line] = await reservedLines(api, 'ZAKAT', 1);

    const response = await pay(paymentFor(line, evidence));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ fund: 'ZAKAT', status: 'paid' });
  });

  describe('once the registry no longer holds the households as mustahik', () => {
    let zakatLine: any;
    let csrLine: any;
    beforeAll(async () => {
      [zakatLine] = await reservedLines(api, 'ZAKAT', 1);
      csrLine = (await reservedLines(api, 'CSR', 2)).find((line) => line.household === zakatLine.household);
      // The same households re-imported (same NIKs), now without the mustahik flag.
      await importRegistry(api, registryCsv(households.map((household) => ({ ...household, mustahik: false }))));
    });

    it('refuses the zakat line with 422 not_mustahik, writing nothing', async () => {
      const before = await table.snapshot();

      const response = await pay(paymentFor(zakatLine, evidence));

      expectProblem(response, 422, { code: 'not_mustahik', path: 'lineId' });
      expect(await table.snapshot()).toEqual(before);
    });

    it('still pays a CSR line of the same household: the rule is zakat law only', async () => {
      const response = await pay(paymentFor(csrLine, evidence));

      expect(response.status).toBe(201);
    });
  });
});
