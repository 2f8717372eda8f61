import type { Activity } from '../domain/activity.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, notFound, problem, unprocessable, type Issue } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import { todayIn } from './calendar-day.ts';
import type { ProgrammeStore, StageTargets } from './programme.ts';

export interface RecordTargetsInput {
  readonly household: string;
  readonly stage: number;
  readonly results: Readonly<Record<string, boolean>>;
  readonly checkedOn: string;
  readonly note?: string;
}

export interface TargetsDependencies {
  readonly programmes: ProgrammeStore;
  readonly registry: Pick<RegistryStore, 'householdsByPseudonym'>;
}

/** Kecamatan of a registered household, or 404 naming `path`. */
export async function kecamatanOfHousehold(
  registry: Pick<RegistryStore, 'householdsByPseudonym'>,
  household: string,
  path: string,
): Promise<string> {
  const found = (await registry.householdsByPseudonym([household])).get(household);
  if (!found) throw notFound('household_not_found', `no household ${household} in the registry`, path);
  return found.kecamatan;
}

/**
 * An officer records whether a household met each target of a stage. Every target of the stage
 * must be answered, and nothing else; the record may be corrected until an approver confirms it.
 */
export async function recordTargets(
  deps: TargetsDependencies,
  caller: Caller,
  programmeId: string,
  input: RecordTargetsInput,
  now: Date,
): Promise<StageTargets> {
  requireRole(caller, 'officer');
  const programme = await deps.programmes.getProgramme(programmeId);
  if (!programme) throw notFound('programme_not_found', `no programme with id ${programmeId}`, 'id');
  const stage = programme.stages.find((candidate) => candidate.stage === input.stage);
  if (!stage) {
    throw unprocessable(
      'unknown_stage',
      `programme ${programmeId} has stages 1 to ${programme.stages.length}, not ${input.stage}`,
      'stage',
    );
  }
  const expected = new Set(stage.targets);
  const issues: Issue[] = [
    ...Object.keys(input.results)
      .filter((code) => !expected.has(code))
      .map((code) => ({ path: `results.${code}`, message: `is not a target of stage ${stage.stage}` })),
    ...stage.targets
      .filter((code) => !Object.hasOwn(input.results, code))
      .map((code) => ({ path: `results.${code}`, message: 'is missing: answer every target of the stage' })),
  ];
  if (issues.length > 0) {
    throw problem(422, 'invalid_targets', issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues);
  }
  const kecamatan = await kecamatanOfHousehold(deps.registry, input.household, 'household');
  if (input.checkedOn > todayIn(kecamatan, now)) {
    throw unprocessable('date_in_future', 'checkedOn must not be later than today', 'checkedOn');
  }

  const at = now.toISOString();
  const results = Object.fromEntries(stage.targets.map((code) => [code, input.results[code] === true]));
  const targets: StageTargets = {
    programmeId,
    household: input.household,
    kecamatan,
    stage: stage.stage,
    results,
    met: Object.values(results).every(Boolean),
    checkedOn: input.checkedOn,
    ...(input.note ? { note: input.note } : {}),
    status: 'recorded',
    recordedBy: caller.sub,
    recordedAt: at,
  };
  const activity: Activity = {
    id: newId('act', now),
    subject: programmeId,
    action: 'targets.recorded',
    actor: caller.sub,
    role: 'officer',
    at,
    details: { household: input.household, stage: stage.stage, met: targets.met },
  };
  if (!(await deps.programmes.recordStageTargets(targets, activity))) {
    throw conflict(
      'targets_approved',
      `stage ${stage.stage} targets of this household were already approved and can no longer change`,
      'stage',
    );
  }
  return targets;
}
