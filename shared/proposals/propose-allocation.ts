import { allocate } from '../allocation/allocate.ts';
import { explainLine } from '../allocation/explain.ts';
import { isAllocationError } from '../allocation/allocation-errors.ts';
import type { AllocationResult } from '../allocation/result.ts';
import { parseAllocationRules, type AllocationRules } from '../allocation/rules.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, problem, unprocessable } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { accountNames } from '../domain/ledger.ts';
import type { TerangStore } from '../domain/store.ts';
import type { EligibilityProfile } from '../registry/household.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import { fiscalYearOf } from '../domain/settings.ts';
import { lineId, type AllocationProposal, type ProposalLine, type ProposalStore } from './proposal.ts';

export interface ProposeAllocationInput {
  readonly programme?: string;
  readonly rules: unknown;
}

export interface ProposalDependencies {
  readonly store: TerangStore;
  readonly registry: RegistryStore;
  readonly proposals: ProposalStore;
}

/** Rule problems name their field under `rules.`, as the request nests them. */
function nestUnderRules(error: unknown): unknown {
  if (!isAllocationError(error)) return error;
  const issues = error.issues.map((issue) => ({ path: `rules.${issue.path}`, message: issue.message }));
  return problem(422, error.code, issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues);
}

/**
 * Runs the allocation engine on the current registry snapshot against the fund's available
 * balance and stores the outcome as a proposal. Nothing is reserved or paid here.
 */
export async function proposeAllocation(
  deps: ProposalDependencies,
  caller: Caller,
  input: ProposeAllocationInput,
  now: Date,
): Promise<AllocationProposal> {
  requireRole(caller, 'officer');
  let rules: AllocationRules;
  try {
    rules = parseAllocationRules(input.rules);
  } catch (error) {
    throw nestUnderRules(error);
  }
  const [snapshot, fundAccount, kecamatan] = await Promise.all([
    deps.registry.currentSnapshot(),
    deps.store.getAccountBalance(accountNames.fund(rules.fund)),
    deps.store.listKecamatan(),
  ]);
  if (!snapshot) throw conflict('no_registry', 'import the household registry before proposing an allocation');
  if (rules.amount > fundAccount.balance) {
    throw unprocessable(
      'insufficient_fund',
      `rules.amount exceeds the ${rules.fund} fund's available balance of ${fundAccount.balance} rupiah`,
      'rules.amount',
    );
  }

  const profiles: EligibilityProfile[] = [];
  for await (const profile of deps.registry.eligibilityProfiles()) profiles.push(profile);
  const official = Object.fromEntries(kecamatan.map((k) => [k.code, k.poorHouseholds]));
  let result: AllocationResult;
  try {
    result = allocate(rules, profiles, official);
  } catch (error) {
    throw nestUnderRules(error);
  }

  const id = newId('alc', now);
  function* lines(): Generator<ProposalLine> {
    let index = 0;
    for (const line of result.lines) {
      index += 1;
      yield {
        id: lineId(id, index),
        ...line,
        status: 'proposed',
        explanation: explainLine(result, line),
      };
    }
  }
  const proposal: AllocationProposal = {
    id,
    status: 'proposed',
    ...(input.programme ? { programme: input.programme } : {}),
    fiscalYear: fiscalYearOf(rules.asOf),
    rules,
    snapshot: snapshot.version,
    fundBalance: fundAccount.balance,
    fundBalanceVersion: fundAccount.version,
    slots: result.slots,
    allocated: result.allocated,
    remainder: result.remainder,
    kecamatan: result.kecamatan,
    lineCount: result.lines.length,
    inputsHash: result.inputsHash,
    outputsHash: result.outputsHash,
    createdAt: now.toISOString(),
    createdBy: caller.sub,
  };
  await deps.proposals.putProposal(proposal, lines());
  return proposal;
}
