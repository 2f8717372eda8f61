import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { balancesIn, entriesIn, signedSum } from '../support/ledger.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allLines,
  allocationRules,
  approveAs,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';

let table: IsolatedTable;
let api: LocalApi;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 8)));
  await fundWith(api, 'CSR', 50_000_000);
  await fundWith(api, 'ZAKAT', 20_000_000);
});

afterAll(async () => {
  await api.close();
});

function csrProposal(amount = 6_000_000) {
  return proposeAllocation(api, { rules: allocationRules('CSR', amount, 500_000) });
}

describe('POST /api/allocations/{id}/approve', () => {
  it('approves a CSR proposal with one approver and reserves every line for its household', async () => {
    const proposal = await csrProposal();
    const before = balancesIn(await table.snapshot());

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: proposal.id, status: 'approved', reservedLines: proposal.lineCount });
    const lines = await allLines(api, proposal.id);
    expect(lines.every((line) => line.status === 'reserved')).toBe(true);
    const after = balancesIn(await table.snapshot());
    expect((before.get('fund:CSR') ?? 0) - (after.get('fund:CSR') ?? 0)).toBe(proposal.allocated);
    expect(after.get(`clearing:${proposal.id}:CSR`)).toBe(0);
    for (const line of lines) expect(after.get(`payable:${line.household}:CSR`)).toBeGreaterThanOrEqual(line.amount);
  });

  it('attributes every reserved line to confirmed contributions that add up to the line', async () => {
    const proposal = await csrProposal();
    await approveAs(api, proposal.id);

    const lines = await allLines(api, proposal.id);

    for (const line of lines) {
      const funded = line.fundedBy.reduce((sum: number, share: { amount: number }) => sum + share.amount, 0);
      expect(funded).toBe(line.amount);
    }
  });

  it('keeps the ledger balanced: every balance sums to zero after an approval', async () => {
    const proposal = await csrProposal();
    await approveAs(api, proposal.id);

    const snapshot = await table.snapshot();

    expect(signedSum(balancesIn(snapshot))).toBe(0);
    for (const entry of entriesIn(snapshot)) {
      expect(entry.postings.reduce((sum: number, posting: { amount: number }) => sum + posting.amount, 0)).toBe(0);
    }
  });

  it('refuses the proposer as approver even when the same person holds the approver role', async () => {
    const proposal = await csrProposal();
    const before = await table.snapshot();

    const response = await api.call('POST', `/api/allocations/${proposal.id}/approve`, {
      token: await api.token(['officer', 'approver'], { sub: 'officer-ani' }),
    });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('own_proposal');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a second approval of an approved proposal and writes nothing', async () => {
    const proposal = await csrProposal();
    await approveAs(api, proposal.id);
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id, 'approver', 'approver-citra');

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('already_approved');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a stale proposal once the fund has moved since it was computed', async () => {
    const proposal = await csrProposal();
    await fundWith(api, 'CSR', 1_000_000);
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('stale_proposal');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a stale proposal once a newer registry snapshot was imported', async () => {
    const proposal = await csrProposal();
    await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 8)));
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('stale_proposal');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a company user (403)', async () => {
    const proposal = await csrProposal();

    const response = await api.call('POST', `/api/allocations/${proposal.id}/approve`, {
      token: await api.token('company', { orgId: 'org_x' }),
    });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden_role');
  });

  it('answers 404 for an allocation that does not exist', async () => {
    const response = await approveAs(api, 'alc_nothing');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('allocation_not_found');
  });
});

describe('zakat allocations', () => {
  it('stay proposed after the TKPK approval, awaiting BAZNAS', async () => {
    const proposal = await proposeAllocation(api, { rules: allocationRules('ZAKAT', 2_000_000, 500_000) });

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'proposed', awaiting: ['baznas'] });
  });

  it('are approved once BAZNAS approves too', async () => {
    const proposal = await proposeAllocation(api, { rules: allocationRules('ZAKAT', 2_000_000, 500_000) });
    await approveAs(api, proposal.id);

    const response = await approveAs(api, proposal.id, 'baznas');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('approved');
    expect(response.body.approvals.map((approval: { role: string }) => approval.role)).toEqual(['approver', 'baznas']);
  });

  it('refuse the same approver twice while BAZNAS is awaited', async () => {
    const proposal = await proposeAllocation(api, { rules: allocationRules('ZAKAT', 2_000_000, 500_000) });
    await approveAs(api, proposal.id);
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('already_approved');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuse a BAZNAS approval of a CSR allocation', async () => {
    const proposal = await csrProposal();

    const response = await approveAs(api, proposal.id, 'baznas');

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden_role');
  });
});

describe('POST /api/allocations/{id}/reject', () => {
  it('rejects with a reason that stays on the record', async () => {
    const proposal = await csrProposal();

    const response = await api.call('POST', `/api/allocations/${proposal.id}/reject`, {
      token: await api.token('approver', { sub: 'approver-budi' }),
      body: { reason: 'Kecamatan Barat belum diverifikasi ulang' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'Kecamatan Barat belum diverifikasi ulang' },
    });
  });

  it('refuses to approve a rejected proposal and writes nothing', async () => {
    const proposal = await csrProposal();
    await api.call('POST', `/api/allocations/${proposal.id}/reject`, {
      token: await api.token('approver', { sub: 'approver-budi' }),
      body: { reason: 'salah sasaran' },
    });
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id, 'approver', 'approver-citra');

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('proposal_rejected');
    expect(await table.snapshot()).toEqual(before);
  });

  it('names the reason field when it is missing', async () => {
    const proposal = await csrProposal();

    const response = await api.call('POST', `/api/allocations/${proposal.id}/reject`, {
      token: await api.token('approver', { sub: 'approver-budi' }),
      body: {},
    });

    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toContain('reason');
  });
});

describe('GET /api/activity', () => {
  it('lists who proposed and who approved, in which role', async () => {
    const proposal = await csrProposal();
    await approveAs(api, proposal.id);

    const response = await api.call('GET', `/api/activity?subject=${proposal.id}`, {
      token: await api.token('approver'),
    });

    expect(response.status).toBe(200);
    const actions = response.body.items.map((item: { action: string; actor: string; role: string }) => [
      item.action,
      item.actor,
      item.role,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['allocation.proposed', 'officer-ani', 'officer'],
        ['allocation.approved', 'approver-budi', 'approver'],
      ]),
    );
  });
});

describe('an approval that runs out of time', () => {
  it('stays reserving with its progress, and resume finishes it', async () => {
    const proposal = await csrProposal();
    const { approvalDependencies } = await import('../../functions/lib/approvals.ts');
    const { approveAllocation } = await import('../../shared/approvals/approve-allocation.ts');
    const alreadyPast = new Date(Date.now() - 1);

    const cut = await approveAllocation(
      approvalDependencies,
      { sub: 'approver-budi', roles: ['approver'] },
      proposal.id,
      new Date(),
      alreadyPast,
    );
    const resumed = await api.call('POST', `/api/allocations/${proposal.id}/resume`, {
      token: await api.token('officer'),
    });

    expect(cut).toMatchObject({ status: 'reserving', reservedLines: 0 });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'approved', reservedLines: proposal.lineCount });
  });

  it('refuses to resume a proposal nobody approved', async () => {
    const proposal = await csrProposal();

    const response = await api.call('POST', `/api/allocations/${proposal.id}/resume`, {
      token: await api.token('officer'),
    });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('not_approved');
  });
});
