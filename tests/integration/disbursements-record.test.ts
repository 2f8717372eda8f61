import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { balancesIn, entriesIn, signedSum } from '../support/ledger.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allLines,
  allocationRules,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';
import { itemAt, paymentFor, reservedLines, uploadedEvidence } from './disbursements-support.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let evidence: string;
let csrOrg: string;
let infakOrgs: string[];

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-dewi' });
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 8)));
  csrOrg = (await fundWith(api, 'CSR', 100_000_000)).orgId;
  // Infak from two BAZNAS contributions: the first line takes 300,000 from one and 200,000 from the other.
  infakOrgs = [(await fundWith(api, 'INFAK', 300_000)).orgId, (await fundWith(api, 'INFAK', 10_000_000)).orgId];
  evidence = await uploadedEvidence(api);
});

afterAll(async () => {
  await api.close();
});

function pay(body: unknown, token = officer) {
  return api.call('POST', '/api/disbursements', { token, body });
}

async function csrLine(): Promise<any> {
  return (await reservedLines(api, 'CSR', 2))[0];
}

/** Runs `act` and proves it wrote nothing at all. */
async function refusedWithoutWriting<T>(act: () => Promise<T>): Promise<T> {
  const before = await table.snapshot();
  const result = await act();
  expect(await table.snapshot()).toEqual(before);
  return result;
}

describe('POST /api/disbursements', () => {
  it('pays a reserved line in full and answers 201 with the disbursement', async () => {
    // Prepare
    const line = await csrLine();
    const body = paymentFor(line, evidence);

    // Act
    const response = await pay(body);

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^dsb_/u),
      lineId: line.id,
      proposalId: line.id.slice(0, line.id.lastIndexOf('-')),
      household: line.household,
      kecamatan: line.kecamatan,
      fund: 'CSR',
      status: 'paid',
      amount: line.amount,
      channel: 'bank_transfer',
      reference: body.reference,
      paidAt: '2026-11-20T02:15:00.000Z',
      evidenceSha256: evidence,
      entryId: expect.any(String),
      recordedBy: 'officer-dewi',
    });
  });

  it('marks the line paid, naming the disbursement', async () => {
    const line = await csrLine();

    const response = await pay(paymentFor(line, evidence));

    const proposalId = line.id.slice(0, line.id.lastIndexOf('-'));
    const paidLine = (await allLines(api, proposalId)).find((candidate) => candidate.id === line.id);
    expect(paidLine).toMatchObject({ status: 'paid', disbursementId: response.body.id });
  });

  it("moves the amount from the household's payable to the money paid in its kecamatan, and nothing else", async () => {
    // Prepare
    const line = await csrLine();
    const before = balancesIn(await table.snapshot());

    // Act
    await pay(paymentFor(line, evidence));

    // Assess
    const after = balancesIn(await table.snapshot());
    const payable = `payable:${line.household}:CSR`;
    const paid = `households:${line.kecamatan}:CSR`;
    expect(after.get(payable)).toBe((before.get(payable) ?? 0) - line.amount);
    expect(after.get(paid)).toBe((before.get(paid) ?? 0) + line.amount);
    for (const [account, balance] of after) {
      if (account !== payable && account !== paid)
        expect({ account, balance }).toEqual({ account, balance: before.get(account) });
    }
    expect(signedSum(after)).toBe(0);
  });

  it("writes one disbursement.paid entry attributed to the line's contributions", async () => {
    const line = await csrLine();

    const response = await pay(paymentFor(line, evidence));

    const entry = entriesIn(await table.snapshot()).find((candidate) => candidate.id === response.body.entryId);
    expect(entry).toMatchObject({
      type: 'disbursement.paid',
      fund: 'CSR',
      postings: [
        { account: `payable:${line.household}:CSR`, amount: -line.amount },
        { account: `households:${line.kecamatan}:CSR`, amount: line.amount },
      ],
      refs: { disbursementId: response.body.id, lineId: line.id },
      attributions: line.fundedBy.map((share: any) => ({
        use: line.id,
        contributionId: share.contributionId,
        orgId: share.orgId,
        amount: share.amount,
      })),
    });
  });

  it("lowers the kecamatan's payable total by the amount", async () => {
    const line = await csrLine();
    const key = keys.kecamatanFundStats(line.kecamatan, 'CSR');
    const before = itemAt(await table.snapshot(), key).payable;

    await pay(paymentFor(line, evidence));

    expect(itemAt(await table.snapshot(), key).payable).toBe(before - line.amount);
  });

  it('counts the money and the household for each contributor of a line funded by two', async () => {
    // Prepare
    const [line] = await reservedLines(api, 'INFAK', 1);
    expect(line.fundedBy.map((share: any) => [share.orgId, share.amount])).toEqual([
      [infakOrgs[0], 300_000],
      [infakOrgs[1], 200_000],
    ]);

    // Act
    await pay(paymentFor(line, evidence));

    // Assess
    const snapshot = await table.snapshot();
    for (const [orgId, amount] of [
      [infakOrgs[0] as string, 300_000],
      [infakOrgs[1] as string, 200_000],
    ] as const) {
      expect(itemAt(snapshot, keys.organisationStats(orgId))).toMatchObject({
        disbursed: amount,
        reachedHouseholds: 1,
      });
      expect(itemAt(snapshot, keys.reachedHousehold(orgId, line.household))).toMatchObject({
        orgId,
        household: line.household,
        kecamatan: line.kecamatan,
        amount,
      });
    }
  });

  it('counts a household once per contributor however many of its lines are paid', async () => {
    // Prepare: two proposals rank the same household first
    const first = await csrLine();
    const second = (await reservedLines(api, 'CSR', 2)).find((line) => line.household === first.household);
    const before = await table.snapshot();
    const reachedBefore = itemAt(before, keys.reachedHousehold(csrOrg, first.household))?.amount ?? 0;
    const statsBefore = itemAt(before, keys.organisationStats(csrOrg)) ?? { disbursed: 0, reachedHouseholds: 0 };

    // Act
    await pay(paymentFor(first, evidence));
    await pay(paymentFor(second, evidence));

    // Assess
    const after = await table.snapshot();
    expect(itemAt(after, keys.reachedHousehold(csrOrg, first.household)).amount).toBe(
      reachedBefore + first.amount + second.amount,
    );
    expect(itemAt(after, keys.organisationStats(csrOrg))).toMatchObject({
      disbursed: statsBefore.disbursed + first.amount + second.amount,
      reachedHouseholds: statsBefore.reachedHouseholds + (reachedBefore === 0 ? 1 : 0),
    });
  });

  it('records who paid which line in the activity trail', async () => {
    const line = await csrLine();

    const response = await pay(paymentFor(line, evidence));

    const activity = itemsOf(await table.snapshot(), 'Activity').find((item) => item['subject'] === response.body.id);
    expect(activity).toMatchObject({
      action: 'disbursement.paid',
      actor: 'officer-dewi',
      role: 'officer',
      details: { lineId: line.id, amount: line.amount, channel: 'bank_transfer', fund: 'CSR' },
    });
  });

  it("accepts an amount equal to the line's", async () => {
    const line = await csrLine();

    const response = await pay(paymentFor(line, evidence, { amount: line.amount }));

    expect(response.status).toBe(201);
    expect(response.body.amount).toBe(line.amount);
  });

  it.each(['kks', 'pos', 'cash', 'goods'])('accepts a payment through channel %s', async (channel) => {
    const line = await csrLine();

    const response = await pay(paymentFor(line, evidence, { channel }));

    expect(response.status).toBe(201);
    expect(response.body.channel).toBe(channel);
  });

  it('accepts a reference already used on another channel', async () => {
    const [first, second] = await reservedLines(api, 'CSR', 2);
    const reference = `SAME-${Date.now()}`;
    await pay(paymentFor(first, evidence, { reference, channel: 'pos' }));

    const response = await pay(paymentFor(second, evidence, { reference, channel: 'cash' }));

    expect(response.status).toBe(201);
  });

  it('pays one line once when two payments for it arrive at the same moment', async () => {
    // Prepare
    const line = await csrLine();
    const before = balancesIn(await table.snapshot());

    // Act
    const responses = await Promise.all([pay(paymentFor(line, evidence)), pay(paymentFor(line, evidence))]);

    // Assess
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(responses.find((response) => response.status === 409)?.body.error.code).toBe('already_paid');
    const snapshot = await table.snapshot();
    expect(itemsOf(snapshot, 'Disbursement').filter((item) => item['lineId'] === line.id)).toHaveLength(1);
    expect(balancesIn(snapshot).get(`households:${line.kecamatan}:CSR`)).toBe(
      (before.get(`households:${line.kecamatan}:CSR`) ?? 0) + line.amount,
    );
  });

  it('counts the household once when two of its lines are paid at the same moment', async () => {
    // Prepare
    const first = await csrLine();
    const second = (await reservedLines(api, 'CSR', 2)).find((line) => line.household === first.household);
    const before = await table.snapshot();
    const reachedBefore = itemAt(before, keys.reachedHousehold(csrOrg, first.household))?.amount ?? 0;
    const countBefore = itemAt(before, keys.organisationStats(csrOrg))?.reachedHouseholds ?? 0;

    // Act
    const responses = await Promise.all([pay(paymentFor(first, evidence)), pay(paymentFor(second, evidence))]);

    // Assess
    expect(responses.map((response) => response.status)).toEqual([201, 201]);
    const after = await table.snapshot();
    expect(itemAt(after, keys.reachedHousehold(csrOrg, first.household)).amount).toBe(
      reachedBefore + first.amount + second.amount,
    );
    expect(itemAt(after, keys.organisationStats(csrOrg)).reachedHouseholds).toBe(
      countBefore + (reachedBefore === 0 ? 1 : 0),
    );
  });
});

describe('POST /api/disbursements under load', () => {
  it("pays ten lines at once, each once, and every contributor's and kecamatan's total adds up", async () => {
    // Prepare
    const lines = await reservedLines(api, 'CSR', 10, 100_000);
    const before = await table.snapshot();

    // Act
    const responses = await Promise.all(lines.map((line) => pay(paymentFor(line, evidence))));

    // Assess
    expect(responses.map((response) => response.status)).toEqual(lines.map(() => 201));
    const after = await table.snapshot();
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    expect(itemAt(after, keys.organisationStats(csrOrg)).disbursed).toBe(
      (itemAt(before, keys.organisationStats(csrOrg))?.disbursed ?? 0) + total,
    );
    const households = new Set(lines.map((line) => line.household));
    const newlyReached = [...households].filter(
      (household) => (itemAt(before, keys.reachedHousehold(csrOrg, household))?.amount ?? 0) === 0,
    ).length;
    expect(itemAt(after, keys.organisationStats(csrOrg)).reachedHouseholds).toBe(
      (itemAt(before, keys.organisationStats(csrOrg))?.reachedHouseholds ?? 0) + newlyReached,
    );
    for (const kecamatan of new Set(lines.map((line) => line.kecamatan))) {
      const paidThere = lines
        .filter((line) => line.kecamatan === kecamatan)
        .reduce((sum, line) => sum + line.amount, 0);
      expect(itemAt(after, keys.kecamatanFundStats(kecamatan, 'CSR')).payable).toBe(
        itemAt(before, keys.kecamatanFundStats(kecamatan, 'CSR')).payable - paidThere,
      );
    }
    expect(signedSum(balancesIn(after))).toBe(0);
  });
});

describe('POST /api/disbursements refusals (nothing written)', () => {
  /** A reserved line the refusals below leave unpaid, so they share it. */
  let unpaid: any;
  beforeAll(async () => {
    unpaid = await csrLine();
  });

  it('answers 404 for a line that does not exist, naming lineId', async () => {
    const response = await refusedWithoutWriting(() =>
      pay(paymentFor({ id: 'alc_01M0000000000000000000000-00000001' }, evidence)),
    );

    expectProblem(response, 404, { code: 'line_not_found', path: 'lineId' });
  });

  it('refuses a line whose proposal is not approved yet with 409 line_not_reserved', async () => {
    const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 1_000_000, 500_000) });
    const [line] = await allLines(api, proposal.id);

    const response = await refusedWithoutWriting(() => pay(paymentFor(line, evidence)));

    expectProblem(response, 409, { code: 'line_not_reserved', path: 'lineId' });
  });

  it('refuses to pay a line twice with 409 already_paid', async () => {
    const line = await csrLine();
    await pay(paymentFor(line, evidence));

    const response = await refusedWithoutWriting(() => pay(paymentFor(line, evidence)));

    expectProblem(response, 409, { code: 'already_paid', path: 'lineId' });
  });

  it('refuses more than the line holds with 422 exceeds_reserved', async () => {
    const response = await refusedWithoutWriting(() =>
      pay(paymentFor(unpaid, evidence, { amount: unpaid.amount + 1 })),
    );

    expectProblem(response, 422, { code: 'exceeds_reserved', path: 'amount' });
  });

  it('refuses part of the line with 422 partial_payment', async () => {
    const response = await refusedWithoutWriting(() =>
      pay(paymentFor(unpaid, evidence, { amount: unpaid.amount - 1 })),
    );

    expectProblem(response, 422, { code: 'partial_payment', path: 'amount' });
  });

  it('refuses to pay a household that has graduated with 409 household_graduated', async () => {
    // Prepare
    const [, line] = await reservedLines(api, 'CSR', 2);
    const graduated = await api.call('POST', '/api/graduations', {
      token: officer,
      body: { household: line.household, kind: 'mandiri', graduatedOn: '2026-11-01', reason: 'usaha sudah mandiri' },
    });
    expect(graduated.status).toBe(201);

    // Act
    const response = await refusedWithoutWriting(() => pay(paymentFor(line, evidence)));

    // Assess
    expectProblem(response, 409, { code: 'household_graduated', path: 'lineId' });
  });

  it('refuses evidence that was never uploaded with 422 evidence_not_found', async () => {
    const response = await refusedWithoutWriting(() =>
      pay(paymentFor(unpaid, evidence, { evidenceSha256: 'ab'.repeat(32) })),
    );

    expectProblem(response, 422, { code: 'evidence_not_found', path: 'evidenceSha256' });
  });

  it('refuses a reference that already paid another line on the same channel with 409 duplicate_reference', async () => {
    const [first, second] = await reservedLines(api, 'CSR', 2);
    const reference = `TRX-${Date.now()}-ab 12`;
    await pay(paymentFor(first, evidence, { reference }));

    // Case and spacing do not make another reference.
    const response = await refusedWithoutWriting(() =>
      pay(paymentFor(second, evidence, { reference: reference.toLowerCase().replace(' ', '') })),
    );

    expectProblem(response, 409, { code: 'duplicate_reference', path: 'reference' });
  });

  it('refuses a payment dated in the future with 422 naming paidAt', async () => {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();

    const response = await refusedWithoutWriting(() => pay(paymentFor(unpaid, evidence, { paidAt: tomorrow })));

    expectProblem(response, 422, { code: 'paid_at_in_future', path: 'paidAt' });
  });

  it.each([
    ['a malformed paidAt', { paidAt: '20/11/2026' }, 'paidAt'],
    ['an impossible paidAt', { paidAt: '2026-02-30' }, 'paidAt'],
    ['an unknown channel', { channel: 'crypto' }, 'channel'],
    ['a SHA-256 that is not 64 hex characters', { evidenceSha256: 'abc' }, 'evidenceSha256'],
    ['an amount in words', { amount: '500000' }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a reference too short', { reference: 'ab' }, 'reference'],
    ['an unknown field', { household: 'x' }, 'household'],
    ['a line id of the wrong shape', { lineId: 'line-1' }, 'lineId'],
  ])('refuses %s with 400 naming the field', async (_name, override, path) => {
    const response = await refusedWithoutWriting(() => pay(paymentFor(unpaid, evidence, override)));

    expectProblem(response, 400, { path });
  });

  it('refuses a missing field with 400 naming it', async () => {
    const { evidenceSha256: _missing, ...body } = paymentFor(unpaid, evidence);

    const response = await refusedWithoutWriting(() => pay(body));

    expectProblem(response, 400, { path: 'evidenceSha256' });
  });

  it.each(['treasurer', 'approver', 'admin', 'baznas', 'company'] as const)(
    'forbids a %s to record a payment (403)',
    async (role: Role) => {
      const token = await api.token(role, role === 'company' || role === 'baznas' ? { orgId: 'org_x' } : {});

      const response = await refusedWithoutWriting(() => pay(paymentFor(unpaid, evidence), token));

      expectProblem(response, 403, { code: 'forbidden_role' });
    },
  );

  it('asks for a token (401) without one', async () => {
    const response = await refusedWithoutWriting(() =>
      api.call('POST', '/api/disbursements', { body: paymentFor(unpaid, evidence) }),
    );

    expect(response.status).toBe(401);
  });
});
