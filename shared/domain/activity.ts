import type { Role } from './caller.ts';

/**
 * The activity trail: who did what to which record, in which role, and when. Written in the same
 * transaction as the change it describes, so the trail can never miss or invent a step.
 */
export interface Activity {
  readonly id: string;
  /** The record acted on: a proposal, disbursement, expense, graduation, programme, settings… */
  readonly subject: string;
  readonly action: string;
  readonly actor: string;
  readonly role: Role | 'system';
  readonly at: string;
  /** Short, non-personal details (reason, amount, status). */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface ActivityPage {
  readonly items: Activity[];
  readonly nextCursor?: string;
}

/** Reads the trail: one record's history, or everything, newest first. */
export interface ActivityLog {
  list(subject: string | undefined, cursor: string | undefined, limit: number): Promise<ActivityPage>;
}
