import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { balancesIn, signedSum } from '../support/ledger.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { allLines, fundWith, householdsIn, importRegistry, registryCsv } from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { reservedLines, uniquePaymentRef, uploadedEvidence } from './disbursements-support.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let evidence: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-yanti' });
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 6)));
  await fundWith(api, 'CSR', 100_000_000);
  evidence = await uploadedEvidence(api);
});

afterAll(async () => {
  await api.close();
});

const header = 'line_id,reference,paid_at,channel,evidence_sha256';

function row(
  line: { id: string },
  overrides: Partial<Record<'reference' | 'paidAt' | 'channel' | 'sha', string>> = {},
) {
  return [
    line.id,
    overrides.reference ?? uniquePaymentRef(),
    overrides.paidAt ?? '2026-11-20T10:15:00+08:00',
    overrides.channel ?? 'bank_transfer',
    overrides.sha ?? evidence,
  ].join(',');
}

function postBatch(csv: string, token = officer) {
  return api.call('POST', '/api/disbursements', { token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
}

async function refusedWithoutWriting(csv: string, token = officer) {
  const before = await table.snapshot();
  const response = await postBatch(csv, token);
  expect(await table.snapshot()).toEqual(before);
  return response;
}

function paths(response: { body: any }): string[] {
  return response.body.error.issues.map((issue: { path: string }) => issue.path);
}

describe('POST /api/disbursements with the bank batch file (text/csv)', () => {
  it('records every row and answers 201 with the disbursements, in file order', async () => {
    // Prepare
    const lines = await reservedLines(api, 'CSR', 3);

    // Act
    const response = await postBatch([header, ...lines.map((line) => row(line))].join('\n'));

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.disbursements.map((d: any) => [d.lineId, d.status, d.amount])).toEqual(
      lines.map((line) => [line.id, 'paid', line.amount]),
    );
    const proposalId = lines[0].id.slice(0, lines[0].id.lastIndexOf('-'));
    expect((await allLines(api, proposalId)).map((line) => line.status)).toEqual(['paid', 'paid', 'paid']);
    expect(signedSum(balancesIn(await table.snapshot()))).toBe(0);
  });

  it('reads semicolons, a BOM, CRLF, headers in any case and order, and an amount column', async () => {
    // Prepare
    const lines = await reservedLines(api, 'CSR', 2);
    const csv =
      '\uFEFFChannel;Line_ID;Amount;Evidence_SHA256;Reference;Paid_At\r\n' +
      lines
        .map(
          (line) =>
            `kks;${line.id};${line.amount.toLocaleString('id-ID')};${evidence};${uniquePaymentRef()};2026-11-20`,
        )
        .join('\r\n');

    // Act
    const response = await postBatch(csv);

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.disbursements.map((d: any) => [d.lineId, d.channel, d.paidAt])).toEqual(
      lines.map((line) => [line.id, 'kks', '2026-11-20T00:00:00.000Z']),
    );
  });

  it('refuses the whole file when any row breaks a rule, naming row and column for each, writing nothing', async () => {
    // Prepare
    const [good, partial] = await reservedLines(api, 'CSR', 2);
    const csv = [
      header,
      row(good),
      row({ id: 'alc_01M0000000000000000000000-00000009' }),
      `${row(partial)},1`,
      row(good, { channel: 'crypto' }),
      row(partial, { sha: 'cd'.repeat(32), paidAt: '2999-01-01' }),
    ]
      .join('\n')
      .replace(header, `${header},amount`);

    // Act
    const response = await refusedWithoutWriting(csv);

    // Assess
    expectProblem(response, 422, { code: 'invalid_batch' });
    expect(paths(response)).toEqual([
      'row 3 line_id',
      'row 4 amount',
      'row 5 channel',
      'row 6 line_id',
      'row 6 paid_at',
      'row 6 evidence_sha256',
    ]);
  });

  it('names the rule each row broke', async () => {
    const [line] = await reservedLines(api, 'CSR', 1);

    const response = await refusedWithoutWriting([header, row({ id: `${line.id.slice(0, -1)}9` })].join('\n'));

    expect(response.body.error.issues).toEqual([
      { path: 'row 2 line_id', message: expect.stringContaining('line_not_found') },
    ]);
  });

  it('refuses a file that pays one line twice, naming the second row', async () => {
    const [line] = await reservedLines(api, 'CSR', 1);

    const response = await refusedWithoutWriting([header, row(line), row(line)].join('\n'));

    expectProblem(response, 422, { code: 'invalid_batch' });
    expect(response.body.error.issues).toEqual([
      { path: 'row 3 line_id', message: expect.stringContaining('also row 2') },
    ]);
  });

  it('refuses a file that uses one reference twice on the same channel', async () => {
    const [first, second] = await reservedLines(api, 'CSR', 2);
    const reference = uniquePaymentRef();

    const response = await refusedWithoutWriting(
      [header, row(first, { reference }), row(second, { reference })].join('\n'),
    );

    expect(paths(response)).toEqual(['row 3 reference']);
  });

  it('refuses a row whose line was already paid', async () => {
    const [line] = await reservedLines(api, 'CSR', 1);
    await postBatch([header, row(line)].join('\n'));

    const response = await refusedWithoutWriting([header, row(line)].join('\n'));

    expect(response.body.error.issues).toEqual([
      { path: 'row 2 line_id', message: expect.stringContaining('already_paid') },
    ]);
  });

  it('refuses a file without a required column, naming it on row 1', async () => {
    const [line] = await reservedLines(api, 'CSR', 1);

    const response = await refusedWithoutWriting(`line_id,reference,paid_at,channel\n${line.id},REF-1,2026-11-20,pos`);

    expectProblem(response, 422, { code: 'invalid_batch', path: 'row 1 evidence_sha256' });
  });

  it('refuses a file with a header and no rows', async () => {
    const response = await refusedWithoutWriting(`${header}\n\n`);

    expectProblem(response, 422, { code: 'invalid_batch', path: '(body)' });
  });

  it.each(['treasurer', 'approver', 'admin'] as const)('forbids a %s to send a batch (403)', async (role) => {
    const [line] = await reservedLines(api, 'CSR', 1);

    const response = await refusedWithoutWriting([header, row(line)].join('\n'), await api.token(role));

    expectProblem(response, 403, { code: 'forbidden_role' });
  });
});
