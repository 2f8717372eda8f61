import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { balancesIn, entriesIn, signedSum } from '../support/ledger.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { allLines, fundWith, householdsIn, importRegistry, registryCsv } from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';
import { itemAt, paymentFor, reservedLines, uploadedEvidence } from './disbursements-support.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let evidence: string;
let csrOrg: string;
let infak: { orgId: string; contributionId: string }[];

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-hadi' });
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 6)));
  csrOrg = (await fundWith(api, 'CSR', 100_000_000)).orgId;
  // The one infak line takes 300,000 from the first contribution and 200,000 from the second.
  infak = [await fundWith(api, 'INFAK', 300_000), await fundWith(api, 'INFAK', 10_000_000)];
  evidence = await uploadedEvidence(api);
});

afterAll(async () => {
  await api.close();
});

async function paidLine(fund: 'CSR' | 'INFAK' = 'CSR'): Promise<{ line: any; disbursement: any }> {
  const [line] = await reservedLines(api, fund, fund === 'CSR' ? 2 : 1);
  const response = await api.call('POST', '/api/disbursements', { token: officer, body: paymentFor(line, evidence) });
  if (response.status !== 201) throw new Error(`payment failed: ${JSON.stringify(response.body)}`);
  return { line, disbursement: response.body };
}

function fail(id: string, body: unknown = { reason: 'rekening sudah ditutup' }, token = officer) {
  return api.call('POST', `/api/disbursements/${id}/fail`, { token, body });
}

function fundingSource(snapshot: readonly Record<string, unknown>[], contributionId: string): any {
  return itemsOf(snapshot, 'FundingSource').find((item) => item['contributionId'] === contributionId);
}

describe('POST /api/disbursements/{id}/fail', () => {
  it('marks the payment returned and answers 200 with the two new entries', async () => {
    const { disbursement } = await paidLine();

    const response = await fail(disbursement.id);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: disbursement.id,
      status: 'returned',
      reversalEntryId: expect.any(String),
      releaseEntryId: expect.any(String),
    });
    expect(itemAt(await table.snapshot(), keys.disbursement(disbursement.id))).toMatchObject({
      status: 'returned',
      returnReason: 'rekening sudah ditutup',
      returnedBy: 'officer-hadi',
    });
  });

  it('never edits the paid entry: it posts its exact reversal and a release back into the fund', async () => {
    // Prepare
    const { line, disbursement } = await paidLine();
    const paidEntry = entriesIn(await table.snapshot()).find((entry) => entry.id === disbursement.entryId);

    // Act
    const response = await fail(disbursement.id);

    // Assess
    const entries = entriesIn(await table.snapshot());
    expect(entries.find((entry) => entry.id === disbursement.entryId)).toEqual(paidEntry);
    expect(entries.find((entry) => entry.id === response.body.reversalEntryId)).toMatchObject({
      type: 'reversal',
      reverses: disbursement.entryId,
      postings: paidEntry?.['postings'].map((posting: any) => ({ account: posting.account, amount: -posting.amount })),
    });
    expect(entries.find((entry) => entry.id === response.body.releaseEntryId)).toMatchObject({
      type: 'allocation.released',
      postings: [
        { account: `payable:${line.household}:CSR`, amount: -line.amount },
        { account: 'fund:CSR', amount: line.amount },
      ],
      attributions: line.fundedBy.map((share: any) => ({
        use: line.id,
        contributionId: share.contributionId,
        orgId: share.orgId,
        amount: share.amount,
      })),
    });
  });

  it("puts the money back into the fund and takes it off the kecamatan's paid total, and nothing else", async () => {
    // Prepare
    const { line, disbursement } = await paidLine();
    const before = balancesIn(await table.snapshot());

    // Act
    await fail(disbursement.id);

    // Assess
    const after = balancesIn(await table.snapshot());
    const paid = `households:${line.kecamatan}:CSR`;
    expect(after.get('fund:CSR')).toBe((before.get('fund:CSR') ?? 0) + line.amount);
    expect(after.get(paid)).toBe((before.get(paid) ?? 0) - line.amount);
    for (const [account, balance] of after) {
      if (account !== 'fund:CSR' && account !== paid)
        expect({ account, balance }).toEqual({ account, balance: before.get(account) });
    }
    expect(signedSum(after)).toBe(0);
  });

  it('gives the money back to the very contributions that paid the line', async () => {
    // Prepare
    const { disbursement } = await paidLine('INFAK');
    const before = await table.snapshot();

    // Act
    await fail(disbursement.id);

    // Assess
    const after = await table.snapshot();
    expect(fundingSource(after, infak[0]!.contributionId).remaining).toBe(
      fundingSource(before, infak[0]!.contributionId).remaining + 300_000,
    );
    expect(fundingSource(after, infak[1]!.contributionId).remaining).toBe(
      fundingSource(before, infak[1]!.contributionId).remaining + 200_000,
    );
  });

  it("takes the money and the household off each contributor's counts", async () => {
    // Prepare: the infak line was the only one either organisation paid to its household
    const [line] = await reservedLines(api, 'INFAK', 1);
    const before = await table.snapshot();
    const paid = await api.call('POST', '/api/disbursements', { token: officer, body: paymentFor(line, evidence) });

    // Act
    await fail(paid.body.id);

    // Assess
    const after = await table.snapshot();
    for (const { orgId } of infak) {
      const stats = itemAt(before, keys.organisationStats(orgId)) ?? { disbursed: 0, reachedHouseholds: 0 };
      expect(itemAt(after, keys.organisationStats(orgId))).toMatchObject({
        disbursed: stats.disbursed,
        reachedHouseholds: stats.reachedHouseholds,
      });
      expect(itemAt(after, keys.reachedHousehold(orgId, line.household))?.amount ?? 0).toBe(
        itemAt(before, keys.reachedHousehold(orgId, line.household))?.amount ?? 0,
      );
    }
  });

  it('keeps the household counted while another payment from the same contributor stands', async () => {
    // Prepare: two lines of one household, both paid
    const { line: first, disbursement } = await paidLine();
    const second = (await reservedLines(api, 'CSR', 2)).find((line) => line.household === first.household);
    await api.call('POST', '/api/disbursements', { token: officer, body: paymentFor(second, evidence) });
    const before = await table.snapshot();

    // Act
    await fail(disbursement.id);

    // Assess
    const after = await table.snapshot();
    expect(itemAt(after, keys.reachedHousehold(csrOrg, first.household)).amount).toBe(
      itemAt(before, keys.reachedHousehold(csrOrg, first.household)).amount - first.amount,
    );
    expect(itemAt(after, keys.organisationStats(csrOrg))).toMatchObject({
      disbursed: itemAt(before, keys.organisationStats(csrOrg)).disbursed - first.amount,
      reachedHouseholds: itemAt(before, keys.organisationStats(csrOrg)).reachedHouseholds,
    });
  });

  it('lowers what the household received in the fiscal year, and leaves the kecamatan payable alone', async () => {
    const { line, disbursement } = await paidLine();
    const before = await table.snapshot();

    await fail(disbursement.id);

    const after = await table.snapshot();
    expect(itemAt(after, keys.householdYear(line.household, 2026)).received).toBe(
      itemAt(before, keys.householdYear(line.household, 2026)).received - line.amount,
    );
    expect(itemAt(after, keys.kecamatanFundStats(line.kecamatan, 'CSR'))).toEqual(
      itemAt(before, keys.kecamatanFundStats(line.kecamatan, 'CSR')),
    );
  });

  it('marks the line returned for good: paying it again is refused with 409 already_paid', async () => {
    // Prepare
    const { line, disbursement } = await paidLine();
    await fail(disbursement.id);
    const proposalId = line.id.slice(0, line.id.lastIndexOf('-'));
    expect((await allLines(api, proposalId)).find((candidate) => candidate.id === line.id).status).toBe('returned');
    const before = await table.snapshot();

    // Act
    const again = await api.call('POST', '/api/disbursements', { token: officer, body: paymentFor(line, evidence) });

    // Assess
    expectProblem(again, 409, { code: 'already_paid', path: 'lineId' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('records the return in the activity trail', async () => {
    const { disbursement } = await paidLine();

    await fail(disbursement.id, { reason: 'nomor rekening salah' });

    const activity = itemsOf(await table.snapshot(), 'Activity').find(
      (item) => item['subject'] === disbursement.id && item['action'] === 'disbursement.returned',
    );
    expect(activity).toMatchObject({
      actor: 'officer-hadi',
      role: 'officer',
      details: { reason: 'nomor rekening salah' },
    });
  });

  it('returns a payment once when two returns arrive at the same moment', async () => {
    const { disbursement } = await paidLine();

    const responses = await Promise.all([fail(disbursement.id), fail(disbursement.id)]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const returns = entriesIn(await table.snapshot()).filter((entry) => entry.refs?.disbursementId === disbursement.id);
    expect(returns.map((entry) => entry.type).sort()).toEqual(['allocation.released', 'disbursement.paid', 'reversal']);
  });
});

describe('POST /api/disbursements/{id}/fail refusals (nothing written)', () => {
  let paid: { disbursement: any };
  beforeAll(async () => {
    paid = await paidLine();
  });

  async function refusedWithoutWriting(act: () => ReturnType<typeof fail>) {
    const before = await table.snapshot();
    const response = await act();
    expect(await table.snapshot()).toEqual(before);
    return response;
  }

  it('refuses a second return with 409 already_returned', async () => {
    const { disbursement } = await paidLine();
    await fail(disbursement.id);

    const response = await refusedWithoutWriting(() => fail(disbursement.id));

    expectProblem(response, 409, { code: 'already_returned', path: 'id' });
  });

  it('answers 404 for an unknown disbursement', async () => {
    const response = await refusedWithoutWriting(() => fail('dsb_NOPE'));

    expectProblem(response, 404, { code: 'disbursement_not_found', path: 'id' });
  });

  it.each([
    ['no reason', {}, 'reason'],
    ['a reason too short', { reason: 'x' }, 'reason'],
    ['an unknown field', { reason: 'rekening ditutup', amount: 1 }, 'amount'],
  ])('refuses %s with 400 naming the field', async (_name, body, path) => {
    const response = await refusedWithoutWriting(() => fail(paid.disbursement.id, body));

    expectProblem(response, 400, { path });
  });

  it.each(['treasurer', 'approver', 'admin', 'baznas', 'company'] as const)(
    'forbids a %s to record a return (403)',
    async (role: Role) => {
      const token = await api.token(role, role === 'company' || role === 'baznas' ? { orgId: 'org_x' } : {});

      const response = await refusedWithoutWriting(() => fail(paid.disbursement.id, undefined, token));

      expectProblem(response, 403, { code: 'forbidden_role' });
    },
  );

  it('asks for a token (401) without one', async () => {
    const response = await refusedWithoutWriting(() =>
      api.call('POST', `/api/disbursements/${paid.disbursement.id}/fail`, { body: { reason: 'rekening ditutup' } }),
    );

    expect(response.status).toBe(401);
  });
});
