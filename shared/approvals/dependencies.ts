import type { TerangStore } from '../domain/store.ts';
import type { ProgrammeStore } from '../programmes/programme.ts';
import type { ProposalStore } from '../proposals/proposal.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import type { ApprovalStore } from './approval-store.ts';

export interface ApprovalDependencies {
  readonly store: TerangStore;
  readonly registry: RegistryStore;
  readonly proposals: ProposalStore;
  readonly approvals: ApprovalStore;
  /** The per-household yearly totals the ceiling is checked against (the same read proposals use). */
  readonly programmes: Pick<ProgrammeStore, 'receivedInYear'>;
}
