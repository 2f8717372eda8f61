import { allocate } from '../allocation/allocate.ts';
import { explainKecamatan, explainLine } from '../allocation/explain.ts';
import { isAllocationError } from '../allocation/allocation-errors.ts';
import { allocateKecamatan, type KecamatanSplit } from '../allocation/kecamatan-split.ts';
import type { AllocationResult } from '../allocation/result.ts';
import { parseAllocationRules, type AllocationRules } from '../allocation/rules.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, problem, unprocessable } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { accountNames } from '../domain/ledger.ts';
import type { EarmarkCategory } from '../domain/pledges.ts';
import type { TerangStore } from '../domain/store.ts';
import type { GraduationStore } from '../graduations/graduation.ts';
import type { Programme, ProgrammeStore } from '../programmes/programme.ts';
import type { EligibilityProfile } from '../registry/household.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import { fiscalYearOf } from '../domain/settings.ts';
import { explainSkipped, HouseholdConstraints, type SkipContext } from './household-constraints.ts';
import {
  lineId,
  type AllocationProposal,
  type ProposalLine,
  type ProposalStore,
  type SkippedHouseholds,
} from './proposal.ts';

export interface ProposeAllocationInput {
  readonly programme?: string;
  /** A staged programme and the tranche of it this proposal pays. */
  readonly programmeId?: string;
  readonly tranche?: number;
  readonly category?: EarmarkCategory;
  readonly rules: unknown;
}

export interface ProposalDependencies {
  readonly store: TerangStore;
  readonly registry: RegistryStore;
  readonly proposals: ProposalStore;
  readonly programmes: Pick<
    ProgrammeStore,
    'getProgramme' | 'approvedMetHouseholds' | 'receivedInYear' | 'trancheRecipients'
  >;
  readonly graduations: Pick<GraduationStore, 'graduatedHouseholds'>;
}

/** Why each kecamatan got its slots, and who was left out there before the engine ran. */
export interface KecamatanExplanation {
  readonly kecamatan: string;
  readonly explanation: string;
}

export interface ProposedAllocation extends AllocationProposal {
  /** One per kecamatan with slots or with left-out households, by code (Bahasa Indonesia). */
  readonly explanations: readonly KecamatanExplanation[];
}

/** Rule problems name their field under `rules.`, as the request nests them. */
function nestUnderRules(error: unknown): unknown {
  if (!isAllocationError(error)) return error;
  const issues = error.issues.map((issue) => ({ path: `rules.${issue.path}`, message: issue.message }));
  return problem(422, error.code, issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues);
}

interface ProgrammeTranche {
  readonly programme: Programme;
  readonly tranche: number;
}

/**
 * A proposal for a programme pays one of its tranches: the programme must exist, the benefit must
 * be that tranche's amount, and the fund and category must be the programme's when it sets them.
 */
async function resolveProgramme(
  programmes: ProposalDependencies['programmes'],
  input: ProposeAllocationInput,
  rules: AllocationRules,
): Promise<ProgrammeTranche | undefined> {
  if (input.programmeId === undefined) {
    if (input.tranche !== undefined) {
      throw unprocessable('tranche_without_programme', 'tranche needs a programmeId', 'tranche');
    }
    return undefined;
  }
  const programme = await programmes.getProgramme(input.programmeId);
  if (!programme) {
    throw unprocessable('programme_not_found', `no programme with id ${input.programmeId}`, 'programmeId');
  }
  if (input.tranche === undefined) {
    throw unprocessable('tranche_required', `name the tranche of ${programme.id} this proposal pays`, 'tranche');
  }
  const tranche = programme.tranches.find((candidate) => candidate.tranche === input.tranche);
  if (!tranche) {
    throw unprocessable(
      'unknown_tranche',
      `programme ${programme.id} has tranches 1 to ${programme.tranches.length}, not ${input.tranche}`,
      'tranche',
    );
  }
  if (rules.benefitPerHousehold !== tranche.amount) {
    throw unprocessable(
      'tranche_amount_mismatch',
      `tranche ${tranche.tranche} of ${programme.id} pays ${tranche.amount} rupiah per household, ` +
        `not ${rules.benefitPerHousehold}`,
      'rules.benefitPerHousehold',
    );
  }
  if (programme.fund !== undefined && rules.fund !== programme.fund) {
    throw unprocessable(
      'fund_mismatch',
      `programme ${programme.id} is paid from the ${programme.fund} fund`,
      'rules.fund',
    );
  }
  if (programme.category !== undefined && input.category !== undefined && input.category !== programme.category) {
    throw unprocessable(
      'category_mismatch',
      `programme ${programme.id} spends on ${programme.category}, not ${input.category}`,
      'category',
    );
  }
  return { programme, tranche: tranche.tranche };
}

/**
 * Each kecamatan's explanation (explainKecamatan on the recomputed split) with the households left
 * out there added; kecamatan where every eligible household was left out get the second part only.
 */
function explanations(
  result: AllocationResult,
  split: KecamatanSplit,
  skipped: readonly SkippedHouseholds[],
  context: SkipContext,
): KecamatanExplanation[] {
  const codes = [...new Set([...result.kecamatan.map((k) => k.code), ...skipped.map((s) => s.kecamatan)])].sort();
  const withSlots = new Set(result.kecamatan.map((k) => k.code));
  return codes.map((code) => {
    const skippedHere = explainSkipped(skipped, code, context);
    const base = withSlots.has(code)
      ? explainKecamatan(split, code)
      : `${code}: tidak ada rumah tangga layak yang tersisa, 0 slot`;
    return { kecamatan: code, explanation: skippedHere ? `${base}; ${skippedHere}` : base };
  });
}

/**
 * Runs the allocation engine on the current registry snapshot against the fund's available
 * balance and stores the outcome as a proposal. Nothing is reserved or paid here. Before the
 * engine runs, graduated households, households the annual cap would overrun and (for a later
 * tranche) households without approved, met targets are taken out; the proposal counts them.
 */
export async function proposeAllocation(
  deps: ProposalDependencies,
  caller: Caller,
  input: ProposeAllocationInput,
  now: Date,
): Promise<ProposedAllocation> {
  requireRole(caller, 'officer');
  let rules: AllocationRules;
  try {
    rules = parseAllocationRules(input.rules);
  } catch (error) {
    throw nestUnderRules(error);
  }
  const programmeTranche = await resolveProgramme(deps.programmes, input, rules);
  const [snapshot, fundAccount, kecamatan, settings] = await Promise.all([
    deps.registry.currentSnapshot(),
    deps.store.getAccountBalance(accountNames.fund(rules.fund)),
    deps.store.listKecamatan(),
    deps.store.getSettings(),
  ]);
  if (!snapshot) throw conflict('no_registry', 'import the household registry before proposing an allocation');
  if (rules.amount > fundAccount.balance) {
    throw unprocessable(
      'insufficient_fund',
      `rules.amount exceeds the ${rules.fund} fund's available balance of ${fundAccount.balance} rupiah`,
      'rules.amount',
    );
  }

  const fiscalYear = fiscalYearOf(rules.asOf);
  const stage = programmeTranche && programmeTranche.tranche > 1 ? programmeTranche.tranche - 1 : undefined;
  const [graduated, received, targetsMet, trancheReceived] = await Promise.all([
    deps.graduations.graduatedHouseholds(),
    settings.householdAnnualCap === null ? new Map<string, number>() : deps.programmes.receivedInYear(fiscalYear),
    programmeTranche && stage !== undefined
      ? deps.programmes.approvedMetHouseholds(programmeTranche.programme.id, stage)
      : undefined,
    programmeTranche
      ? deps.programmes.trancheRecipients(programmeTranche.programme.id, programmeTranche.tranche)
      : undefined,
  ]);
  const constraints = new HouseholdConstraints(rules, {
    graduated,
    received,
    householdAnnualCap: settings.householdAnnualCap,
    ...(targetsMet ? { targetsMet } : {}),
    ...(trancheReceived ? { trancheReceived } : {}),
  });
  const profiles: EligibilityProfile[] = [];
  for await (const profile of deps.registry.eligibilityProfiles()) {
    if (constraints.admits(profile)) profiles.push(profile);
  }
  if (targetsMet && constraints.qualifiedByTargets === 0) {
    throw unprocessable(
      'no_targets_met',
      `no household has approved stage-${stage} targets that were all met, so tranche ${programmeTranche?.tranche} ` +
        'cannot be proposed yet',
      'tranche',
    );
  }
  const official = Object.fromEntries(kecamatan.map((k) => [k.code, k.poorHouseholds]));
  let result: AllocationResult;
  let split: KecamatanSplit;
  try {
    result = allocate(rules, profiles, official);
    // The same split the engine used (it depends on the eligible counts alone), for the explanations.
    split = allocateKecamatan(rules, Object.fromEntries(result.kecamatan.map((k) => [k.code, k.eligible])), official);
  } catch (error) {
    throw nestUnderRules(error);
  }
  const skipped = constraints.skipped();

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
  const category = input.category ?? programmeTranche?.programme.category;
  const proposal: ProposedAllocation = {
    id,
    status: 'proposed',
    ...(input.programme ? { programme: input.programme } : {}),
    ...(programmeTranche ? { programmeId: programmeTranche.programme.id, tranche: programmeTranche.tranche } : {}),
    ...(category ? { category } : {}),
    fiscalYear,
    skipped,
    rules,
    snapshot: snapshot.version,
    fundBalance: fundAccount.balance,
    fundBalanceVersion: fundAccount.version,
    slots: result.slots,
    allocated: result.allocated,
    remainder: result.remainder,
    kecamatan: result.kecamatan,
    explanations: explanations(result, split, skipped, {
      fiscalYear,
      householdAnnualCap: settings.householdAnnualCap,
      ...(stage !== undefined ? { stage } : {}),
    }),
    lineCount: result.lines.length,
    inputsHash: result.inputsHash,
    outputsHash: result.outputsHash,
    createdAt: now.toISOString(),
    createdBy: caller.sub,
  };
  await deps.proposals.putProposal(proposal, lines());
  return proposal;
}
