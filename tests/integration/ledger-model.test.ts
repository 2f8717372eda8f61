import { createHash, randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
  registryCsv,
} from '../support/money-out.ts';

/**
 * Model test: random sequences of contributions, proposals with approvals, disbursements,
 * returned payments and expenses, all through the real handlers on DynamoDB Local. Refusals
 * (a 4xx) are part of the game; after every step the books must still hold.
 */

type Fund = 'CSR' | 'ZAKAT' | 'INFAK';

interface World {
  readonly reservedLines: string[];
  readonly paid: string[];
}

let table: IsolatedTable;
let api: LocalApi;
let tokens: Record<'officer' | 'approver' | 'baznas' | 'admin', string>;
const world: World = { reservedLines: [], paid: [] };
/** How many steps of each kind went through (not refused): proves the run exercised them all. */
const succeeded: Record<string, number> = {};

function count(kind: string, status: number, expected: number): void {
  if (status === expected) succeeded[kind] = (succeeded[kind] ?? 0) + 1;
}
let step = 0;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03'], 6)));
  tokens = {
    officer: await api.token('officer', { sub: 'model-officer' }),
    approver: await api.token('approver', { sub: 'model-approver' }),
    baznas: await api.token('baznas', { sub: 'model-baznas' }),
    admin: await api.token('admin', { sub: 'model-admin' }),
  };
  // Some ceremonial spending is allowed, so the model can both spend it and hit the cap.
  await api.call('POST', '/api/settings', { token: tokens.admin, body: { ceremonialCap: { CSR: 0.05, INFAK: 0.02 } } });
}, 60_000);

afterAll(async () => {
  await api.close();
});

async function evidence(): Promise<string> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(16)]);
  const response = await fetch(`${api.baseUrl}/api/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/pdf' },
    body: bytes,
  });
  if (response.status !== 201) throw new Error(`evidence upload failed: ${response.status}`);
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every step answers with a success or a 4xx refusal, never a 5xx. */
function expectHandled(status: number, what: string): void {
  expect(status, what).toBeLessThan(500);
}

const fund = fc.constantFrom<Fund>('CSR', 'ZAKAT', 'INFAK');
const rupiah = fc.integer({ min: 1, max: 40 }).map((units) => units * 250_000);

const steps = fc.oneof(
  fc.record({ kind: fc.constant('contribute' as const), fund, amount: rupiah }),
  fc.record({ kind: fc.constant('allocate' as const), fund, households: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('disburse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('fail' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('expense' as const),
    fund,
    amount: rupiah,
    category: fc.constantFrom('training', 'ceremony', 'banner', 'amil', 'health'),
  }),
);
type Step = typeof steps extends fc.Arbitrary<infer T> ? T : never;

/** Every run starts with money in each fund and one line paid and returned; randomness follows. */
const prelude: Step[] = [
  { kind: 'contribute', fund: 'CSR', amount: 5_000_000 },
  { kind: 'contribute', fund: 'ZAKAT', amount: 5_000_000 },
  { kind: 'contribute', fund: 'INFAK', amount: 5_000_000 },
  { kind: 'allocate', fund: 'CSR', households: 4 },
  { kind: 'disburse', pick: 0 },
  { kind: 'disburse', pick: 1 },
  { kind: 'fail', pick: 0 },
  { kind: 'expense', fund: 'CSR', amount: 250_000, category: 'training' },
];

async function run(action: Step): Promise<void> {
  step += 1;
  if (action.kind === 'contribute') {
    await fundWith(api, action.fund, action.amount);
    count('contribute', 201, 201);
  } else if (action.kind === 'allocate') {
    const benefit = 250_000;
    const proposed = await api.call('POST', '/api/allocations', {
      token: tokens.officer,
      body: { rules: allocationRules(action.fund, action.households * benefit, benefit) },
    });
    expectHandled(proposed.status, 'propose');
    if (proposed.status !== 201 || proposed.body.lineCount === 0) return;
    const first = await approveAs(api, proposed.body.id, 'approver', 'model-approver');
    expectHandled(first.status, 'approve');
    if (action.fund === 'ZAKAT' && first.status === 200) {
      expectHandled((await approveAs(api, proposed.body.id, 'baznas', 'model-baznas')).status, 'baznas approve');
    }
    count('allocate', first.status, 200);
    const lines = await allLines(api, proposed.body.id);
    world.reservedLines.push(...lines.filter((line) => line.status === 'reserved').map((line) => line.id as string));
  } else if (action.kind === 'disburse') {
    if (world.reservedLines.length === 0) return;
    const [lineId] = world.reservedLines.splice(action.pick % world.reservedLines.length, 1);
    const response = await api.call('POST', '/api/disbursements', {
      token: tokens.officer,
      body: {
        lineId,
        reference: `MODEL-${step}-${lineId}`,
        paidAt: '2026-11-20T10:00:00+08:00',
        channel: 'bank_transfer',
        evidenceSha256: await evidence(),
      },
    });
    expectHandled(response.status, 'disburse');
    count('disburse', response.status, 201);
    if (response.status === 201) world.paid.push(response.body.id as string);
  } else if (action.kind === 'fail') {
    if (world.paid.length === 0) return;
    const [id] = world.paid.splice(action.pick % world.paid.length, 1);
    const response = await api.call('POST', `/api/disbursements/${id}/fail`, {
      token: tokens.officer,
      body: { reason: 'rekening tidak aktif' },
    });
    expectHandled(response.status, 'fail');
    count('fail', response.status, 200);
  } else {
    const response = await api.call('POST', '/api/expenses', {
      token: tokens.officer,
      body: { fund: action.fund, amount: action.amount, category: action.category, description: `model step ${step}` },
    });
    expectHandled(response.status, 'expense');
    count('expense', response.status, 201);
  }
}

async function assertBooksHold(): Promise<void> {
  const snapshot = await table.snapshot();
  const balances = balancesIn(snapshot);

  expect(signedSum(balances)).toBe(0);
  for (const [account, balance] of balances) expect(balance, account).toBeGreaterThanOrEqual(0);

  const sumOf = (type: string) =>
    [...balances].filter(([account]) => account.startsWith(`${type}:`)).reduce((sum, [, balance]) => sum + balance, 0);
  const [summary, organisations] = await Promise.all([
    api.call('GET', '/api/public/summary'),
    api.call('GET', '/api/public/organisations'),
  ]);
  expect(summary.body.confirmed).toBe(sumOf('contributor'));
  expect(Object.values(summary.body.balances as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(sumOf('fund'));

  const items = organisations.body.items as { disbursed: number; programme: number; ceremonial: number }[];
  expect(items.reduce((sum, org) => sum + org.disbursed, 0)).toBe(sumOf('households'));
  expect(items.reduce((sum, org) => sum + org.programme + org.ceremonial, 0)).toBe(sumOf('expense'));

  // Every paid line is attributed to contributions that add up to exactly what it was paid.
  for (const line of snapshot.filter((item) => item['entity'] === 'ProposalLine' && item['status'] === 'paid')) {
    const funded = (line['fundedBy'] as { amount: number }[]).reduce((sum, share) => sum + share.amount, 0);
    expect(funded).toBe(line['amount']);
  }
}

describe('the ledger under random sequences of money in and money out', () => {
  it('keeps Σ balances = 0, no balance below 0, public totals = ledger totals, attribution = disbursed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(steps, { minLength: 8, maxLength: 14 }), async (actions) => {
        for (const action of [...prelude, ...actions]) {
          await run(action);
          await assertBooksHold();
        }
      }),
      { numRuns: Number(process.env['MODEL_RUNS'] ?? 4), endOnFailure: true },
    );

    expect(Object.keys(succeeded).sort()).toEqual(['allocate', 'contribute', 'disburse', 'expense', 'fail']);
  }, 600_000);
});
