import type { AllocationLines } from './allocation-lines.ts';

/** One kecamatan in the result: `amount` = slots × benefitPerHousehold. */
export interface KecamatanAllocation {
  readonly code: string;
  readonly eligible: number;
  readonly weight: number;
  readonly slots: number;
  readonly amount: number;
}

/**
 * What an allocation publishes. `allocated` = lines × benefitPerHousehold and `remainder` =
 * amount − allocated. The hashes let anyone re-check it (see FORMAT.md).
 */
export interface AllocationResult {
  readonly slots: number;
  readonly allocated: number;
  readonly remainder: number;
  readonly kecamatan: readonly KecamatanAllocation[];
  readonly lines: AllocationLines;
  readonly inputsHash: string;
  readonly outputsHash: string;
}
