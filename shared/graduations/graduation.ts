import type { Activity } from '../domain/activity.ts';

/** Graduasi: mandiri (voluntary exit, e.g. income ≥ UMK), alamiah (no eligible member left), paksa (non-compliance). */
export const graduationKinds = ['mandiri', 'alamiah', 'paksa'] as const;
export type GraduationKind = (typeof graduationKinds)[number];

/** Graduated families are checked after 6 and 12 months so they do not fall back ("tidak turun kelas"). */
export const followUpMonths = [6, 12] as const;
export type FollowUpMonths = (typeof followUpMonths)[number];

export interface FollowUp {
  readonly months: FollowUpMonths;
  /** `YYYY-MM-DD` of the visit. */
  readonly checkedOn: string;
  readonly fellBack: boolean;
  readonly note?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** A household that left the programmes; it receives no new proposal line and cannot be paid. */
export interface Graduation {
  readonly household: string;
  readonly kecamatan: string;
  readonly kind: GraduationKind;
  /** `YYYY-MM-DD` */
  readonly graduatedOn: string;
  readonly reason: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** Follow-ups by months ("6", "12"). */
  readonly followUps: Readonly<Partial<Record<string, FollowUp>>>;
  /** Set by the first follow-up that found the household fallen back: it is counted once. */
  readonly fellBackOn?: string;
}

export interface KecamatanGraduationCounts {
  readonly graduated: number;
  /** Graduated households found fallen back at a follow-up, each counted once. */
  readonly fellBack: number;
}

export type FollowUpOutcome = 'recorded' | 'not_graduated' | 'already_recorded' | 'already_fell_back';

/** Storage for graduations; each write is one transaction with its counters and activity record. */
export interface GraduationStore {
  /** Stores the graduation and counts it for its kecamatan; false when the household already graduated. */
  recordGraduation(graduation: Graduation, activity: Activity): Promise<boolean>;
  getGraduation(household: string): Promise<Graduation | undefined>;
  /**
   * Adds the follow-up (once per months). With `countFellBack` the household is also counted fallen
   * back in its kecamatan, on condition that no earlier follow-up counted it.
   */
  recordFollowUp(
    graduation: Graduation,
    followUp: FollowUp,
    countFellBack: boolean,
    activity: Activity,
  ): Promise<FollowUpOutcome>;
  /** Every graduated household's pseudonym. */
  graduatedHouseholds(): Promise<ReadonlySet<string>>;
  kecamatanGraduationCounts(): Promise<ReadonlyMap<string, KecamatanGraduationCounts>>;
}
