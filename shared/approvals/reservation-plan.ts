import { attributeFifo, type FundingSource, type MoneyUse } from '../domain/attribution.ts';
import type { FundingShare, LineFunding, ProposalLine } from '../proposals/proposal.ts';

/** DynamoDB's ceiling on the actions of one TransactWriteItems call. */
export const maxTransactionActions = 100;

/**
 * Actions one reservation chunk spends besides its lines: the proposal's progress counter, the
 * entry, the clearing account and (on the last chunk) the activity record. Each line costs three
 * (the line, its payable account, the household's fiscal-year counter) and each kecamatan one
 * (its payable total).
 */
const fixedActions = 4;
const actionsPerLine = 3;
/** A programme tranche also records, per line, that the household received this tranche. */
export const actionsPerProgrammeLine = 4;

function moneyUses(lines: readonly ProposalLine[], category: string | undefined): MoneyUse[] {
  return lines.map((line) => ({
    use: line.id,
    amount: line.amount,
    kecamatan: line.kecamatan,
    ...(category ? { category } : {}),
  }));
}

/**
 * Which contributions pay for a proposal (FIFO by confirmation, earmarks respected), decided once
 * at the final approval. `shortfalls` lists lines the matching money cannot cover.
 */
export function planFunding(
  sources: readonly FundingSource[],
  lines: readonly ProposalLine[],
  category: string | undefined,
): { funding: FundingShare[]; shortfalls: { use: string; missing: number }[] } {
  const plan = attributeFifo(sources, moneyUses(lines, category));
  const funding = [...sources]
    .filter((source) => plan.taken.has(source.contributionId))
    .map((source) => ({
      contributionId: source.contributionId,
      orgId: source.orgId,
      confirmedAt: source.confirmedAt,
      amount: plan.taken.get(source.contributionId) as number,
      ...(source.earmark ? { earmark: source.earmark } : {}),
    }))
    .sort((a, b) =>
      a.confirmedAt === b.confirmedAt
        ? a.contributionId < b.contributionId
          ? -1
          : 1
        : a.confirmedAt < b.confirmedAt
          ? -1
          : 1,
    );
  return { funding, shortfalls: plan.shortfalls };
}

/**
 * The per-line split of the approved funding. Rerunning FIFO over only what each contribution
 * gave reproduces the split the approval computed, line for line (attribution.ts says why).
 */
export function lineFundings(
  funding: readonly FundingShare[],
  lines: readonly ProposalLine[],
  category: string | undefined,
): Map<string, LineFunding[]> {
  const sources: FundingSource[] = funding.map((share) => ({
    contributionId: share.contributionId,
    orgId: share.orgId,
    confirmedAt: share.confirmedAt,
    remaining: share.amount,
    ...(share.earmark ? { earmark: share.earmark } : {}),
  }));
  const confirmedAt = new Map(funding.map((share) => [share.contributionId, share.confirmedAt]));
  const plan = attributeFifo(sources, moneyUses(lines, category));
  if (plan.shortfalls.length > 0) throw new Error(`approved funding does not cover line ${plan.shortfalls[0]?.use}`);
  const byLine = new Map<string, LineFunding[]>();
  for (const attribution of plan.attributions) {
    const list = byLine.get(attribution.use) ?? [];
    list.push({
      contributionId: attribution.contributionId,
      orgId: attribution.orgId,
      confirmedAt: confirmedAt.get(attribution.contributionId) as string,
      amount: attribution.amount,
    });
    byLine.set(attribution.use, list);
  }
  return byLine;
}

/**
 * The end (exclusive) of the chunk that starts at `from`: as many lines as fit in one
 * transaction. Deterministic, so a resumed reservation cuts the very same chunks.
 */
export function chunkEnd(lines: readonly ProposalLine[], from: number, perLine: number = actionsPerLine): number {
  const kecamatan = new Set<string>();
  let end = from;
  while (end < lines.length) {
    const line = lines[end] as ProposalLine;
    const extraKecamatan = kecamatan.has(line.kecamatan) ? 0 : 1;
    const actions = fixedActions + perLine * (end - from + 1) + kecamatan.size + extraKecamatan;
    if (actions > maxTransactionActions) break;
    kecamatan.add(line.kecamatan);
    end += 1;
  }
  return end;
}
