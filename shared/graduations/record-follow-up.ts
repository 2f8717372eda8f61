import { monthsBefore } from '../domain/calendar.ts';
import type { Activity } from '../domain/activity.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, notFound, unprocessable } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { todayIn } from '../programmes/calendar-day.ts';
import type { FollowUp, FollowUpMonths, GraduationStore } from './graduation.ts';

export interface RecordFollowUpInput {
  readonly months: FollowUpMonths;
  readonly checkedOn: string;
  readonly fellBack: boolean;
  readonly note?: string;
}

export interface RecordedFollowUp extends FollowUp {
  readonly household: string;
}

/**
 * The 6- or 12-month visit after graduation. It cannot happen before that many calendar months
 * have passed; a household found fallen back is counted once in its kecamatan, however many
 * follow-ups find it so.
 */
export async function recordFollowUp(
  graduations: GraduationStore,
  caller: Caller,
  household: string,
  input: RecordFollowUpInput,
  now: Date,
): Promise<RecordedFollowUp> {
  requireRole(caller, 'officer');
  const at = now.toISOString();
  const followUp: FollowUp = {
    months: input.months,
    checkedOn: input.checkedOn,
    fellBack: input.fellBack,
    ...(input.note ? { note: input.note } : {}),
    recordedBy: caller.sub,
    recordedAt: at,
  };
  const activity: Activity = {
    id: newId('act', now),
    subject: household,
    action: 'graduation.follow_up',
    actor: caller.sub,
    role: 'officer',
    at,
    details: { months: input.months, fellBack: input.fellBack },
  };
  // A second attempt only when a concurrent follow-up counted the household fallen back first.
  for (let attempt = 0; ; attempt += 1) {
    const graduation = await graduations.getGraduation(household);
    if (!graduation) throw notFound('not_graduated', `household ${household} has not graduated`, 'household');
    if (graduation.followUps[String(input.months)]) {
      throw conflict('follow_up_exists', `the ${input.months}-month follow-up was already recorded`, 'months');
    }
    const earliest = monthsBefore(graduation.graduatedOn, -input.months);
    if (input.checkedOn < earliest) {
      throw unprocessable(
        'follow_up_too_early',
        `the ${input.months}-month follow-up can be recorded from ${earliest} (graduated on ${graduation.graduatedOn})`,
        'checkedOn',
      );
    }
    if (input.checkedOn > todayIn(graduation.kecamatan, now)) {
      throw unprocessable('date_in_future', 'checkedOn must not be later than today', 'checkedOn');
    }
    const countFellBack = input.fellBack && graduation.fellBackOn === undefined;
    const outcome = await graduations.recordFollowUp(graduation, followUp, countFellBack, activity);
    if (outcome === 'recorded') return { household, ...followUp };
    if (outcome === 'not_graduated')
      throw notFound('not_graduated', `household ${household} has not graduated`, 'household');
    if (outcome === 'already_recorded' || attempt > 0) {
      throw conflict('follow_up_exists', `the ${input.months}-month follow-up was already recorded`, 'months');
    }
  }
}
