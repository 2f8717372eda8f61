import type { Fund } from './funds.ts';
import type { Rupiah } from './money.ts';
import type { Earmark } from './pledges.ts';

export type ContributionStatus = 'declared' | 'confirmed';

/**
 * A transfer an organisation says it made (declared) and, once the treasurer sees it in the bank,
 * confirmed. Only confirmation moves money, through one ledger entry.
 */
export interface Contribution {
  readonly id: string;
  readonly orgId: string;
  readonly pledgeId?: string;
  readonly fund: Fund;
  readonly amount: Rupiah;
  readonly transferRef: string;
  readonly transferredAt: string;
  readonly earmark?: Earmark;
  readonly status: ContributionStatus;
  readonly declaredAt: string;
  readonly declaredBy: string;
  readonly confirmedAt?: string;
  readonly confirmedBy?: string;
  readonly entryId?: string;
}

/** Bank references are compared without case or spacing, as tellers type them differently. */
export function normaliseTransferRef(transferRef: string): string {
  return transferRef.replace(/\s+/gu, '').toUpperCase();
}

/** The ledger entry id is derived from the contribution, so the same money can never post twice. */
export function confirmationEntryId(contributionId: string): string {
  return `entry_confirm_${contributionId}`;
}
