import type { Activity } from '../domain/activity.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, unprocessable } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { todayIn } from '../programmes/calendar-day.ts';
import { kecamatanOfHousehold } from '../programmes/record-targets.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import type { Graduation, GraduationKind, GraduationStore } from './graduation.ts';

export interface RecordGraduationInput {
  readonly household: string;
  readonly kind: GraduationKind;
  readonly graduatedOn: string;
  readonly reason: string;
}

export interface GraduationDependencies {
  readonly graduations: GraduationStore;
  readonly registry: Pick<RegistryStore, 'householdsByPseudonym'>;
}

/** An officer records that a household graduated; from then on it gets no new line and no payment. */
export async function recordGraduation(
  deps: GraduationDependencies,
  caller: Caller,
  input: RecordGraduationInput,
  now: Date,
): Promise<Graduation> {
  requireRole(caller, 'officer');
  const kecamatan = await kecamatanOfHousehold(deps.registry, input.household, 'household');
  if (input.graduatedOn > todayIn(kecamatan, now)) {
    throw unprocessable('date_in_future', 'graduatedOn must not be later than today', 'graduatedOn');
  }
  const at = now.toISOString();
  const graduation: Graduation = {
    household: input.household,
    kecamatan,
    kind: input.kind,
    graduatedOn: input.graduatedOn,
    reason: input.reason,
    recordedBy: caller.sub,
    recordedAt: at,
    followUps: {},
  };
  const activity: Activity = {
    id: newId('act', now),
    subject: input.household,
    action: 'graduation.recorded',
    actor: caller.sub,
    role: 'officer',
    at,
    details: { kind: input.kind, kecamatan },
  };
  if (!(await deps.graduations.recordGraduation(graduation, activity))) {
    throw conflict('already_graduated', `household ${input.household} has already graduated`, 'household');
  }
  return graduation;
}
