import { beforeEach, describe, expect, it } from 'vitest';

import {
  maxRaceRetries,
  recordDisbursement,
  recordDisbursementBatch,
} from '../../../shared/disbursements/record-disbursement.ts';
import type { Caller } from '../../../shared/domain/caller.ts';
import type { StoredHousehold } from '../../../shared/registry/registry-store.ts';
import { MemoryDisbursementStore, proposal, reservedLine } from './fake-stores.ts';

const officer: Caller = { sub: 'officer-1', roles: ['officer'] };
const now = new Date('2026-11-23T00:00:00.000Z');
const sha = 'ab'.repeat(32);

let store: MemoryDisbursementStore;
let mustahik: Map<string, boolean>;
const deps = () => ({
  disbursements: store,
  registry: {
    householdsByPseudonym: async (pseudonyms: readonly string[]) =>
      new Map(
        pseudonyms
          .filter((pseudonym) => mustahik.has(pseudonym))
          .map((pseudonym) => [pseudonym, { pseudonym, mustahik: mustahik.get(pseudonym) } as StoredHousehold]),
      ),
  },
});

function request(index: number, overrides: Record<string, unknown> = {}) {
  return {
    lineId: reservedLine(index).id,
    reference: `TRX-${index}`,
    paidAt: '2026-11-20T10:00:00+08:00',
    channel: 'bank_transfer' as const,
    evidenceSha256: sha,
    ...overrides,
  };
}

beforeEach(() => {
  store = new MemoryDisbursementStore();
  mustahik = new Map();
  store.evidence.set(sha, { sha256: sha, size: 1, contentType: 'application/pdf', uploadedAt: '', uploadedBy: '' });
  for (const index of [1, 2, 3])
    store.lines.set(reservedLine(index).id, { line: reservedLine(index), proposal: proposal() });
});

describe('recordDisbursement', () => {
  it('writes the payment of the whole line, paid at the instant given, in UTC', async () => {
    const disbursement = await recordDisbursement(deps(), officer, request(1), now);

    expect(disbursement).toMatchObject({
      lineId: reservedLine(1).id,
      amount: 500_000,
      paidAt: '2026-11-20T02:00:00.000Z',
      fiscalYear: 2026,
    });
    expect(store.payments).toHaveLength(1);
  });

  it('reads the reached amounts again and retries when a concurrent payment moved them', async () => {
    store.raceReached = 2;

    await recordDisbursement(deps(), officer, request(1), now);

    expect(store.reachedReads).toBe(3);
    expect(store.payments).toHaveLength(1);
  });

  it(`gives up with 409 after ${maxRaceRetries} retries`, async () => {
    store.raceReached = maxRaceRetries + 1;

    await expect(recordDisbursement(deps(), officer, request(1), now)).rejects.toMatchObject({
      statusCode: 409,
      code: 'busy',
    });
    expect(store.payments).toHaveLength(0);
  });

  it('lets the first broken rule decide the status and lists every one', async () => {
    const error = await recordDisbursement(
      deps(),
      officer,
      request(1, { amount: 1, evidenceSha256: 'cd'.repeat(32), paidAt: '2027-01-01' }),
      now,
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      statusCode: 422,
      code: 'partial_payment',
      issues: [
        { path: 'amount', message: expect.stringContaining('partial_payment') },
        { path: 'paidAt', message: expect.stringContaining('paid_at_in_future') },
        { path: 'evidenceSha256', message: expect.stringContaining('evidence_not_found') },
      ],
    });
  });

  it('accepts a paidAt a few minutes ahead of the server clock', async () => {
    const paidAt = new Date(now.getTime() + 60_000).toISOString();

    await expect(recordDisbursement(deps(), officer, request(1, { paidAt }), now)).resolves.toMatchObject({ paidAt });
  });

  it('pays zakat only to a household the registry holds as mustahik', async () => {
    store.lines.set(reservedLine(1).id, { line: reservedLine(1, { fund: 'ZAKAT' }), proposal: proposal('ZAKAT') });
    mustahik.set('hh1', false);

    await expect(recordDisbursement(deps(), officer, request(1), now)).rejects.toMatchObject({ code: 'not_mustahik' });
  });

  it('refuses zakat to a household no longer in the registry', async () => {
    store.lines.set(reservedLine(1).id, { line: reservedLine(1, { fund: 'ZAKAT' }), proposal: proposal('ZAKAT') });

    await expect(recordDisbursement(deps(), officer, request(1), now)).rejects.toMatchObject({ code: 'not_mustahik' });
  });

  it('refuses a reserved line whose funding does not add up, as a bug rather than bad input', async () => {
    store.lines.set(reservedLine(1).id, { line: reservedLine(1, { fundedBy: [] }), proposal: proposal() });

    await expect(recordDisbursement(deps(), officer, request(1), now)).rejects.toThrow(/funded by 0/u);
  });

  it('forbids every role but the officer before reading anything', async () => {
    await expect(recordDisbursement(deps(), { sub: 'x', roles: ['approver'] }, request(1), now)).rejects.toMatchObject({
      statusCode: 403,
    });
  });
});

describe('recordDisbursementBatch', () => {
  const header = 'line_id,reference,paid_at,channel,evidence_sha256';
  const csv = (...rows: ReturnType<typeof request>[]) =>
    new TextEncoder().encode(
      [
        header,
        ...rows.map((row) => [row.lineId, row.reference, row.paidAt, row.channel, row.evidenceSha256].join(',')),
      ].join('\n'),
    );

  it('records every row in file order', async () => {
    const recorded = await recordDisbursementBatch(deps(), officer, csv(request(2), request(1)), now);

    expect(recorded.map((d) => d.lineId)).toEqual([reservedLine(2).id, reservedLine(1).id]);
  });

  it("reads the contributors' reached amounts once for the whole batch", async () => {
    await recordDisbursementBatch(deps(), officer, csv(request(1), request(2), request(3)), now);

    expect(store.reachedReads).toBe(1);
  });

  it('counts a household reached once when the batch pays two of its lines', async () => {
    store.lines.set(reservedLine(2).id, { line: reservedLine(2, { household: 'hh1' }), proposal: proposal() });

    await recordDisbursementBatch(deps(), officer, csv(request(1), request(2)), now);

    expect(store.payments.map((write) => write.reached)).toEqual([
      [{ orgId: 'org_A', amount: 500_000, before: undefined, reachedDelta: 1 }],
      [{ orgId: 'org_A', amount: 500_000, before: 500_000, reachedDelta: 0 }],
    ]);
  });

  it('reads afresh for a row whose reached amounts another request moved', async () => {
    store.raceReached = 1;

    await recordDisbursementBatch(deps(), officer, csv(request(1), request(2)), now);

    expect(store.reachedReads).toBe(2);
    expect(store.payments).toHaveLength(2);
  });

  it('lists field and rule problems together, by row, and writes nothing', async () => {
    const error = await recordDisbursementBatch(
      deps(),
      officer,
      csv(request(1), request(2, { channel: 'crypto' as never }), request(1, { reference: 'TRX-9' })),
      now,
    ).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      statusCode: 422,
      code: 'invalid_batch',
      issues: [
        { path: 'row 3 channel', message: expect.any(String) },
        { path: 'row 4 line_id', message: expect.stringContaining('also row 2') },
      ],
    });
    expect(store.payments).toHaveLength(0);
  });

  it('names the row a concurrent request broke while recording, and the rows already recorded', async () => {
    const original = store.recordPayment.bind(store);
    let calls = 0;
    store.recordPayment = async (write) => {
      calls += 1;
      if (calls === 2)
        throw Object.assign(new Error('x'), {
          statusCode: 409,
          code: 'already_paid',
          expose: true,
          issues: [{ path: 'lineId', message: 'paid meanwhile' }],
        });
      return original(write);
    };

    const error = await recordDisbursementBatch(deps(), officer, csv(request(1), request(2)), now).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({
      statusCode: 409,
      code: 'already_paid',
      message: expect.stringContaining(reservedLine(1).id),
      issues: [{ path: 'row 3 lineId', message: 'paid meanwhile' }],
    });
  });

  it('forbids every role but the officer', async () => {
    await expect(
      recordDisbursementBatch(deps(), { sub: 'x', roles: ['treasurer'] }, csv(request(1)), now),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
