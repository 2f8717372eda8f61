import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { funds, type Fund } from '../../../shared/domain/funds.ts';
import { accountNames, cityWide } from '../../../shared/domain/ledger.ts';
import type { AccountBalance, KecamatanFundStat } from '../../../shared/domain/store.ts';
import { publicFlows, type FlowInputs, type PublicFlows } from '../../../shared/public/flows.ts';

const selatan = '63.71.01';
const timur = '63.71.02';

const organisations = [
  { id: 'org_b', name: 'PT Bumi Lestari (fiktif)' },
  { id: 'org_a', name: 'BAZNAS Kota Banjarmasin' },
];
const kecamatan = [
  { code: selatan, name: 'Banjarmasin Selatan' },
  { code: timur, name: 'Banjarmasin Timur' },
];
const asOf = '2026-11-23T07:20:00.000Z';

function inputs(balances: Record<string, number>, payable: KecamatanFundStat[] = []): FlowInputs {
  return {
    balances: Object.entries(balances).map(([account, balance]) => ({ account, balance })),
    payable,
    organisations,
    kecamatan,
    asOf,
  };
}

/**
 * A CSR book that balances: 10 M confirmed = 1 M available + 0.5 M clearing + 2 M paid in
 * Selatan + 1.5 M reserved there + 0.75 M training + 0.25 M banner in Selatan + 4 M reserved in Timur.
 */
const csrBook = inputs(
  {
    [accountNames.contributor('org_b', 'CSR')]: 10_000_000,
    [accountNames.fund('CSR')]: 1_000_000,
    [accountNames.clearing('prp_1', 'CSR')]: 500_000,
    [accountNames.households(selatan, 'CSR')]: 2_000_000,
    [accountNames.expense('training', selatan, 'CSR')]: 750_000,
    [accountNames.expense('banner', selatan, 'CSR')]: 250_000,
  },
  [
    { kecamatan: selatan, fund: 'CSR', payable: 1_500_000 },
    { kecamatan: timur, fund: 'CSR', payable: 4_000_000 },
  ],
);

function amount(flows: PublicFlows, source: string, target: string, fund: Fund = 'CSR'): number | undefined {
  return flows.links.find((link) => link.source === source && link.target === target && link.fund === fund)?.amount;
}

/** Inflow and outflow of every node that has both, per fund: they must be equal. */
function imbalances(flows: PublicFlows): string[] {
  const net = new Map<string, number>();
  for (const { source, target, fund, amount: value } of flows.links) {
    net.set(`${source}|${fund}`, (net.get(`${source}|${fund}`) ?? 0) - value);
    net.set(`${target}|${fund}`, (net.get(`${target}|${fund}`) ?? 0) + value);
  }
  const through = (id: string) => id.startsWith('fund:') || id.startsWith('kecamatan:');
  return [...net].filter(([key, value]) => through(key.split('|')[0] ?? '') && value !== 0).map(([key]) => key);
}

describe('publicFlows', () => {
  it('sends each contributor’s balance to its fund', () => {
    const flows = publicFlows(csrBook);

    expect(amount(flows, 'contributor:org_b', 'fund:CSR')).toBe(10_000_000);
  });

  it('sends a fund to each kecamatan what was paid, reserved and spent there', () => {
    const flows = publicFlows(csrBook);

    expect(amount(flows, 'fund:CSR', `kecamatan:${selatan}`)).toBe(2_000_000 + 1_500_000 + 750_000 + 250_000);
    expect(amount(flows, 'fund:CSR', `kecamatan:${timur}`)).toBe(4_000_000);
  });

  it('splits a kecamatan’s money by use: paid, reserved, programmes, ceremonial', () => {
    const flows = publicFlows(csrBook);

    expect({
      households: amount(flows, `kecamatan:${selatan}`, 'use:households'),
      reserved: amount(flows, `kecamatan:${selatan}`, 'use:reserved'),
      programmes: amount(flows, `kecamatan:${selatan}`, 'use:programmes'),
      ceremonial: amount(flows, `kecamatan:${selatan}`, 'use:ceremonial'),
    }).toEqual({ households: 2_000_000, reserved: 1_500_000, programmes: 750_000, ceremonial: 250_000 });
  });

  it('counts the fund’s available money and approved clearing as unspent', () => {
    const flows = publicFlows(csrBook);

    expect(amount(flows, 'fund:CSR', 'use:unspent')).toBe(1_500_000);
  });

  it('keeps every node’s inflow equal to its outflow', () => {
    const flows = publicFlows(csrBook);

    expect(imbalances(flows)).toEqual([]);
  });

  it('leaves out zero links and nodes no link touches', () => {
    const flows = publicFlows(csrBook);

    expect(flows.links.every((link) => link.amount > 0)).toBe(true);
    expect(flows.nodes.map((node) => node.id)).toEqual([
      'contributor:org_b',
      'fund:CSR',
      `kecamatan:${selatan}`,
      `kecamatan:${timur}`,
      'use:households',
      'use:reserved',
      'use:programmes',
      'use:ceremonial',
      'use:unspent',
    ]);
  });

  it('labels contributors and kecamatan by name, and city-wide spending “Seluruh kota”', () => {
    const flows = publicFlows(
      inputs({
        [accountNames.contributor('org_a', 'INFAK')]: 300_000,
        [accountNames.expense('amil', cityWide, 'INFAK')]: 30_000,
        [accountNames.expense('education', selatan, 'INFAK')]: 70_000,
        [accountNames.fund('INFAK')]: 200_000,
      }),
    );

    expect(flows.nodes).toEqual([
      { id: 'contributor:org_a', kind: 'contributor', label: 'BAZNAS Kota Banjarmasin' },
      { id: 'fund:INFAK', kind: 'fund', label: 'Infak' },
      { id: `kecamatan:${selatan}`, kind: 'kecamatan', label: 'Banjarmasin Selatan' },
      { id: 'kecamatan:city', kind: 'kecamatan', label: 'Seluruh kota' },
      { id: 'use:programmes', kind: 'use', label: 'Program' },
      { id: 'use:unspent', kind: 'use', label: 'Belum digunakan' },
    ]);
    expect(amount(flows, 'kecamatan:city', 'use:programmes', 'INFAK')).toBe(30_000);
  });

  it('never lets money cross funds: a kecamatan node passes each fund on separately', () => {
    const flows = publicFlows(
      inputs({
        [accountNames.contributor('org_a', 'ZAKAT')]: 5_000_000,
        [accountNames.contributor('org_b', 'CSR')]: 3_000_000,
        [accountNames.households(selatan, 'ZAKAT')]: 5_000_000,
        [accountNames.households(selatan, 'CSR')]: 1_000_000,
        [accountNames.fund('CSR')]: 2_000_000,
      }),
    );

    expect(flows.links.filter((link) => link.target === 'use:households')).toEqual([
      { source: `kecamatan:${selatan}`, target: 'use:households', fund: 'CSR', amount: 1_000_000 },
      { source: `kecamatan:${selatan}`, target: 'use:households', fund: 'ZAKAT', amount: 5_000_000 },
    ]);
    expect(imbalances(flows)).toEqual([]);
  });

  it('sums the contributor links to the total confirmed, in the totals too', () => {
    const flows = publicFlows(csrBook);

    const contributed = flows.links
      .filter((link) => link.source.startsWith('contributor:'))
      .reduce((sum, link) => sum + link.amount, 0);
    expect(contributed).toBe(10_000_000);
    expect(flows.totals).toMatchObject({
      confirmed: 10_000_000,
      households: 2_000_000,
      reserved: 5_500_000,
      programmes: 750_000,
      ceremonial: 250_000,
      unspent: 1_500_000,
    });
    expect(flows.totals.byFund.ZAKAT.confirmed).toBe(0);
  });

  it('absorbs read skew in unspent so the graph still balances', () => {
    // Prepare: the payable counter was read before a reservation moved 1 M out of clearing
    const skewed = inputs(
      {
        [accountNames.contributor('org_b', 'CSR')]: 10_000_000,
        [accountNames.fund('CSR')]: 9_000_000,
        [accountNames.clearing('prp_1', 'CSR')]: 0,
      },
      [],
    );
    // Act
    const flows = publicFlows(skewed);
    // Assess
    expect(amount(flows, 'fund:CSR', 'use:unspent')).toBe(10_000_000);
    expect(imbalances(flows)).toEqual([]);
  });

  it('takes skew off reserved money when spending reads ahead of contributions', () => {
    const flows = publicFlows(
      inputs({ [accountNames.contributor('org_b', 'CSR')]: 1_000_000 }, [
        { kecamatan: selatan, fund: 'CSR', payable: 1_200_000 },
      ]),
    );

    expect(amount(flows, `kecamatan:${selatan}`, 'use:reserved')).toBe(1_000_000);
    expect(amount(flows, 'fund:CSR', 'use:unspent')).toBeUndefined();
    expect(imbalances(flows)).toEqual([]);
  });

  it('balances every node and sums contributors to confirmed for any balanced ledger', () => {
    const places = [selatan, timur, cityWide];
    const categories = ['banner', 'training', 'amil', 'ceremony'];
    const cell = fc.nat({ max: 50_000_000 });
    const book = fc.record({
      contributors: fc.array(fc.integer({ min: 1, max: 900_000_000 }), { minLength: 1, maxLength: 4 }),
      clearing: fc.array(cell, { maxLength: 3 }),
      households: fc.array(cell, { minLength: 2, maxLength: 2 }),
      payable: fc.array(cell, { minLength: 2, maxLength: 2 }),
      expenses: fc.array(fc.tuple(fc.constantFrom(...categories), fc.constantFrom(...places), cell), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.tuple(book, book, book), (books) => {
        const balances: AccountBalance[] = [];
        const payable: KecamatanFundStat[] = [];
        let confirmed = 0;
        books.forEach((b, index) => {
          const fund = funds[index] as Fund;
          const expenseTotals = new Map<string, number>();
          for (const [category, where, value] of b.expenses) {
            const account = accountNames.expense(category, where, fund);
            expenseTotals.set(account, (expenseTotals.get(account) ?? 0) + value);
          }
          const spent = [
            ...b.clearing.map((value, i) => ({ account: accountNames.clearing(`prp_${i}`, fund), balance: value })),
            ...b.households.map((value, i) => ({ account: accountNames.households(places[i]!, fund), balance: value })),
            ...[...expenseTotals].map(([account, balance]) => ({ account, balance })),
          ];
          b.payable.forEach((value, i) => payable.push({ kecamatan: places[i]!, fund, payable: value }));
          const out = [...spent.map((s) => s.balance), ...b.payable].reduce((sum, value) => sum + value, 0);
          const contributed = b.contributors.reduce((sum, value) => sum + value, 0);
          // Top up the first contributor so the book balances with a non-negative available amount.
          const contributors = [...b.contributors];
          contributors[0]! += Math.max(0, out - contributed);
          const total = Math.max(out, contributed);
          confirmed += total;
          balances.push(
            ...contributors.map((value, i) => ({
              account: accountNames.contributor(`org_${i}`, fund),
              balance: value,
            })),
            { account: accountNames.fund(fund), balance: total - out },
            ...spent,
          );
        });

        const flows = publicFlows({ balances, payable, organisations: [], kecamatan, asOf });

        const contributedLinks = flows.links.filter((link) => link.source.startsWith('contributor:'));
        expect(imbalances(flows)).toEqual([]);
        expect(contributedLinks.reduce((sum, link) => sum + link.amount, 0)).toBe(confirmed);
        expect(flows.totals.confirmed).toBe(confirmed);
        expect(flows.links.every((link) => Number.isSafeInteger(link.amount) && link.amount > 0)).toBe(true);
        const fundOf = (id: string) => id.slice('fund:'.length);
        expect(
          flows.links.every(
            (link) =>
              (!link.source.startsWith('fund:') || fundOf(link.source) === link.fund) &&
              (!link.target.startsWith('fund:') || fundOf(link.target) === link.fund),
          ),
        ).toBe(true);
        // In a balanced ledger nothing needs reconciling: unspent is exactly available + clearing.
        for (const [index, b] of books.entries()) {
          const fund = funds[index] as Fund;
          const available = balances.find((balance) => balance.account === accountNames.fund(fund))!.balance;
          expect(flows.totals.byFund[fund].unspent).toBe(available + b.clearing.reduce((sum, v) => sum + v, 0));
        }
      }),
    );
  });
});
