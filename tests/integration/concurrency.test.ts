import { createHash, randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callLikeAClient } from '../support/client-retry.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { balancesIn, signedSum } from '../support/ledger.ts';
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

const benefit = 250_000;
let table: IsolatedTable;
let api: LocalApi;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03', '63.71.04'], 10)));
  await fundWith(api, 'CSR', 20_000_000);
}, 60_000);

afterAll(async () => {
  await api.close();
});

async function uploadEvidence(token: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(24)]);
  const response = await fetch(`${api.baseUrl}/api/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: bytes,
  });
  expect(response.status).toBe(201);
  return createHash('sha256').update(bytes).digest('hex');
}

describe('200 approvals and disbursements racing against one fund', () => {
  it('approve exactly one of twenty competing proposals, pay every line once, and never take the fund below zero', async () => {
    const paying = await proposeAllocation(api, { rules: allocationRules('CSR', 20 * benefit, benefit) });
    await approveAs(api, paying.id);
    const lines = await allLines(api, paying.id);
    const officer = await api.token('officer', { sub: 'officer-race' });
    const evidence = await Promise.all(lines.map(() => uploadEvidence(officer)));
    // Twenty proposals computed on the same fund balance, each asking for most of what is left.
    const competing = await Promise.all(
      Array.from({ length: 20 }, () =>
        proposeAllocation(api, { rules: allocationRules('CSR', 12_000_000, 2_000_000) }),
      ),
    );
    const approverTokens = await Promise.all(
      Array.from({ length: 9 }, (_, index) => api.token('approver', { sub: `approver-${index}` })),
    );

    const requests = [
      ...competing.flatMap((proposal) =>
        approverTokens.map((token) =>
          callLikeAClient(api, 'POST', `/api/allocations/${proposal.id}/approve`, { token, body: {} }),
        ),
      ),
      ...lines.map((line, index) =>
        callLikeAClient(api, 'POST', '/api/disbursements', {
          token: officer,
          body: {
            lineId: line.id,
            reference: `RACE-${index}`,
            paidAt: '2026-11-20T10:00:00+08:00',
            channel: 'bank_transfer',
            evidenceSha256: evidence[index],
          },
        }),
      ),
    ];
    expect(requests).toHaveLength(200);
    const responses = await Promise.all(requests);

    expect(responses.every((response) => response.status < 500)).toBe(true);
    const snapshot = await table.snapshot();
    const approved = competing.filter((proposal) =>
      snapshot.some(
        (item) =>
          item['entity'] === 'AllocationProposal' && item['id'] === proposal.id && item['status'] === 'approved',
      ),
    );
    expect(approved).toHaveLength(1);
    const paidLines = snapshot.filter((item) => item['entity'] === 'ProposalLine' && item['status'] === 'paid');
    expect(paidLines.map((line) => line['id']).sort()).toEqual(lines.map((line) => line.id).sort());
    expect(snapshot.filter((item) => item['entity'] === 'Disbursement')).toHaveLength(lines.length);
    const balances = balancesIn(snapshot);
    const winner = snapshot.find((item) => item['entity'] === 'AllocationProposal' && item['id'] === approved[0]?.id);
    expect(balances.get('fund:CSR')).toBe(20_000_000 - paying.allocated - Number(winner?.['allocated']));
    expect([...balances.values()].every((balance) => balance >= 0)).toBe(true);
    expect(signedSum(balances)).toBe(0);
  }, 240_000);
});
