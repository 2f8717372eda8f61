import { describe, expect, it } from 'vitest';

import {
  chunkEnd,
  lineFundings,
  maxTransactionActions,
  planFunding,
} from '../../../shared/approvals/reservation-plan.ts';
import type { FundingSource } from '../../../shared/domain/attribution.ts';
import type { ProposalLine } from '../../../shared/proposals/proposal.ts';

function line(index: number, kecamatan: string, amount = 100): ProposalLine {
  return {
    id: `alc_1-${String(index).padStart(8, '0')}`,
    household: `h${index}`,
    kecamatan,
    amount,
    rank: index,
    explanation: '',
  };
}

function source(
  contributionId: string,
  confirmedAt: string,
  remaining: number,
  earmark?: FundingSource['earmark'],
): FundingSource {
  return { contributionId, orgId: `org_${contributionId}`, confirmedAt, remaining, ...(earmark ? { earmark } : {}) };
}

describe('chunkEnd', () => {
  it('fills a chunk up to the transaction limit and no further', () => {
    const lines = Array.from({ length: 200 }, (_, index) => line(index, '63.71.01'));

    const end = chunkEnd(lines, 0);

    // 4 fixed actions + 1 kecamatan + 3 per line ≤ 100
    expect(end).toBe(31);
    expect(4 + 1 + 3 * end).toBeLessThanOrEqual(maxTransactionActions);
  });

  it('counts one action for every kecamatan a chunk touches', () => {
    const lines = Array.from({ length: 200 }, (_, index) => line(index, `63.71.0${index % 5}`));

    expect(chunkEnd(lines, 0)).toBe(30);
  });

  it('covers every line exactly once, each chunk within the transaction limit', () => {
    const lines = Array.from({ length: 500 }, (_, index) => line(index, `63.71.0${Math.floor(index / 37) % 5}`));
    const covered: number[] = [];

    for (let from = 0; from < lines.length; from = chunkEnd(lines, from)) {
      const chunk = lines.slice(from, chunkEnd(lines, from));
      const kecamatan = new Set(chunk.map((each) => each.kecamatan)).size;
      expect(4 + kecamatan + 3 * chunk.length).toBeLessThanOrEqual(maxTransactionActions);
      covered.push(...chunk.map((each) => each.rank));
    }

    expect(covered).toEqual(lines.map((each) => each.rank));
  });
});

describe('planFunding and lineFundings', () => {
  it('takes from the oldest confirmed contribution first', () => {
    const lines = [line(1, '63.71.01'), line(2, '63.71.01')];
    const sources = [source('new', '2026-03-01T00:00:00Z', 500), source('old', '2026-01-01T00:00:00Z', 150)];

    const { funding } = planFunding(sources, lines, undefined);

    expect(funding.map((share) => [share.contributionId, share.amount])).toEqual([
      ['old', 150],
      ['new', 50],
    ]);
  });

  it('reports lines that only money earmarked for another kecamatan could pay', () => {
    const lines = [line(1, '63.71.01')];
    const sources = [source('elsewhere', '2026-01-01T00:00:00Z', 500, { kecamatan: ['63.71.05'] })];

    const { shortfalls } = planFunding(sources, lines, undefined);

    expect(shortfalls).toEqual([{ use: lines[0]?.id, missing: 100 }]);
  });

  it('splits the approved funding over the lines exactly as the approval planned it', () => {
    const lines = Array.from({ length: 7 }, (_, index) => line(index, index % 2 ? '63.71.01' : '63.71.02', 70 + index));
    const sources = [
      source('a', '2026-01-01T00:00:00Z', 130, { kecamatan: ['63.71.01'] }),
      source('b', '2026-01-02T00:00:00Z', 1_000),
      source('c', '2026-01-03T00:00:00Z', 90),
    ];
    const { funding } = planFunding(sources, lines, undefined);

    const split = lineFundings(funding, lines, undefined);

    for (const each of lines) {
      expect((split.get(each.id) ?? []).reduce((sum, share) => sum + share.amount, 0)).toBe(each.amount);
    }
    const fromA = [...split.values()].flat().filter((share) => share.contributionId === 'a');
    expect(fromA.reduce((sum, share) => sum + share.amount, 0)).toBe(130);
  });
});
