import type { Activity } from '../domain/activity.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, forbidden, notFound } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { ProgrammeStore, StageTargets } from './programme.ts';

/**
 * An approver confirms a household's recorded targets for a stage (four eyes: never the officer
 * who recorded them). Approved targets are final and open the next tranche when all were met.
 */
export async function approveTargets(
  programmes: ProgrammeStore,
  caller: Caller,
  key: { readonly programmeId: string; readonly household: string; readonly stage: number },
  now: Date,
): Promise<StageTargets> {
  requireRole(caller, 'approver');
  const recorded = await programmes.getStageTargets(key.programmeId, key.household, key.stage);
  if (!recorded) {
    throw notFound(
      'targets_not_found',
      `no stage ${key.stage} targets recorded for household ${key.household} in programme ${key.programmeId}`,
      'stage',
    );
  }
  if (recorded.status === 'approved')
    throw conflict('already_approved', 'these targets were already approved', 'stage');
  if (recorded.recordedBy === caller.sub) {
    throw forbidden('own_record', 'targets must be approved by someone other than the officer who recorded them');
  }
  const at = now.toISOString();
  const approved: StageTargets = { ...recorded, status: 'approved', approvedBy: caller.sub, approvedAt: at };
  const activity: Activity = {
    id: newId('act', now),
    subject: key.programmeId,
    action: 'targets.approved',
    actor: caller.sub,
    role: 'approver',
    at,
    details: { household: key.household, stage: key.stage, met: recorded.met },
  };
  if (!(await programmes.approveStageTargets(approved, activity))) {
    const current = await programmes.getStageTargets(key.programmeId, key.household, key.stage);
    throw current?.status === 'approved'
      ? conflict('already_approved', 'these targets were already approved', 'stage')
      : conflict(
          'targets_changed',
          'the targets were recorded again meanwhile; review them and approve again',
          'stage',
        );
  }
  return approved;
}
