import type { Activity } from '../domain/activity.ts';
import type { Fund } from '../domain/funds.ts';
import type { Rupiah } from '../domain/money.ts';
import type { EarmarkCategory } from '../domain/pledges.ts';

/** One payment of a staged programme: tranche 1 opens the programme, each later one needs targets met. */
export interface Tranche {
  readonly tranche: number;
  readonly amount: Rupiah;
}

/** Stage n lists the targets a household must meet (and an approver confirm) before tranche n + 1. */
export interface Stage {
  readonly stage: number;
  readonly targets: readonly string[];
}

/**
 * A staged, reward-reinforced programme such as Makin Mesra: tranches 1..n, and stages 1..n − 1
 * whose targets open the next tranche.
 */
export interface Programme {
  readonly id: string;
  readonly name: string;
  /** When set, only proposals from this fund may pay the programme's tranches. */
  readonly fund?: Fund;
  /** The category the tranches spend on (earmarked money follows it); proposals default to it. */
  readonly category?: EarmarkCategory;
  readonly tranches: readonly Tranche[];
  readonly stages: readonly Stage[];
  readonly createdAt: string;
  readonly createdBy: string;
}

export type StageTargetsStatus = 'recorded' | 'approved';

/** An officer's check of one household against one stage's targets; an approver confirms it. */
export interface StageTargets {
  readonly programmeId: string;
  readonly household: string;
  readonly kecamatan: string;
  readonly stage: number;
  /** Every target of the stage, met or not. */
  readonly results: Readonly<Record<string, boolean>>;
  /** True when every target was met. */
  readonly met: boolean;
  /** `YYYY-MM-DD`, the day of the visit. */
  readonly checkedOn: string;
  readonly note?: string;
  readonly status: StageTargetsStatus;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
}

/** Storage for programmes and their stage targets; each write carries its activity record. */
export interface ProgrammeStore {
  /** Stores a new programme; 409 when the id is taken. */
  createProgramme(programme: Programme, activity: Activity): Promise<void>;
  getProgramme(id: string): Promise<Programme | undefined>;

  /** Stores (or replaces) a household's targets for a stage; false when they were already approved. */
  recordStageTargets(targets: StageTargets, activity: Activity): Promise<boolean>;
  getStageTargets(programmeId: string, household: string, stage: number): Promise<StageTargets | undefined>;
  /**
   * Marks exactly the record that was read (same `recordedAt`) approved; false when it changed
   * meanwhile (re-recorded or already approved).
   */
  approveStageTargets(approved: StageTargets, activity: Activity): Promise<boolean>;
  /** Households whose targets for the stage were approved and all met. */
  approvedMetHouseholds(programmeId: string, stage: number): Promise<ReadonlySet<string>>;
  /** Households already allocated (reserved) this tranche of the programme by an approved proposal. */
  trancheRecipients(programmeId: string, tranche: number): Promise<ReadonlySet<string>>;

  /** What each household received (reserved, net of returns) in a fiscal year over every fund and programme. */
  receivedInYear(year: number): Promise<ReadonlyMap<string, Rupiah>>;
}
