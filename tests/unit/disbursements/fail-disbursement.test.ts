import { beforeEach, describe, expect, it } from 'vitest';

import { failDisbursement } from '../../../shared/disbursements/fail-disbursement.ts';
import { recordDisbursement } from '../../../shared/disbursements/record-disbursement.ts';
import type { Caller } from '../../../shared/domain/caller.ts';
import { MemoryDisbursementStore, proposal, reservedLine } from './fake-stores.ts';

const officer: Caller = { sub: 'officer-1', roles: ['officer'] };
const sha = 'ab'.repeat(32);
let store: MemoryDisbursementStore;
let paidId: string;

beforeEach(async () => {
  store = new MemoryDisbursementStore();
  store.evidence.set(sha, { sha256: sha, size: 1, contentType: 'application/pdf', uploadedAt: '', uploadedBy: '' });
  const line = reservedLine(1, {
    fundedBy: [
      { contributionId: 'ctb_1', orgId: 'org_A', confirmedAt: '2026-01-01T00:00:00.000Z', amount: 300_000 },
      { contributionId: 'ctb_2', orgId: 'org_B', confirmedAt: '2026-01-02T00:00:00.000Z', amount: 200_000 },
    ],
  });
  store.lines.set(line.id, { line, proposal: proposal() });
  const registry = { householdsByPseudonym: async () => new Map() };
  const paid = await recordDisbursement(
    { disbursements: store, registry },
    officer,
    { lineId: line.id, reference: 'TRX-1', paidAt: '2026-11-20', channel: 'pos', evidenceSha256: sha },
    new Date('2026-11-21T00:00:00.000Z'),
  );
  paidId = paid.id;
});

describe('failDisbursement', () => {
  it('gives every contribution its share back and uncounts the household for each contributor', async () => {
    await failDisbursement(
      { disbursements: store },
      officer,
      paidId,
      { reason: 'ditolak bank' },
      new Date('2026-11-25T00:00:00.000Z'),
    );

    const [write] = store.returns;
    expect(write?.sources).toEqual([
      { contributionId: 'ctb_1', confirmedAt: '2026-01-01T00:00:00.000Z', amount: 300_000 },
      { contributionId: 'ctb_2', confirmedAt: '2026-01-02T00:00:00.000Z', amount: 200_000 },
    ]);
    expect(write?.reached).toEqual([
      { orgId: 'org_A', amount: -300_000, before: 300_000, reachedDelta: -1 },
      { orgId: 'org_B', amount: -200_000, before: 200_000, reachedDelta: -1 },
    ]);
    expect(write?.returned).toMatchObject({
      status: 'returned',
      returnReason: 'ditolak bank',
      returnedBy: 'officer-1',
    });
  });

  it('retries on a concurrent change of the reached amounts', async () => {
    store.raceReached = 1;
    const reads = store.reachedReads;

    await failDisbursement({ disbursements: store }, officer, paidId, { reason: 'ditolak bank' }, new Date());

    expect(store.reachedReads - reads).toBe(2);
    expect(store.returns).toHaveLength(1);
  });

  it('refuses a second return with 409 already_returned', async () => {
    await failDisbursement({ disbursements: store }, officer, paidId, { reason: 'ditolak bank' }, new Date());

    await expect(
      failDisbursement({ disbursements: store }, officer, paidId, { reason: 'lagi' }, new Date()),
    ).rejects.toMatchObject({ statusCode: 409, code: 'already_returned' });
    expect(store.returns).toHaveLength(1);
  });

  it('answers 404 for an unknown disbursement', async () => {
    await expect(
      failDisbursement({ disbursements: store }, officer, 'dsb_x', { reason: 'ditolak' }, new Date()),
    ).rejects.toMatchObject({ statusCode: 404, code: 'disbursement_not_found' });
  });

  it('forbids every role but the officer', async () => {
    await expect(
      failDisbursement(
        { disbursements: store },
        { sub: 'x', roles: ['treasurer'] },
        paidId,
        { reason: 'x' },
        new Date(),
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
