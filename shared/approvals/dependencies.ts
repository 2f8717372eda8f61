import type { TerangStore } from '../domain/store.ts';
import type { ProposalStore } from '../proposals/proposal.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import type { ApprovalStore } from './approval-store.ts';

export interface ApprovalDependencies {
  readonly store: TerangStore;
  readonly registry: RegistryStore;
  readonly proposals: ProposalStore;
  readonly approvals: ApprovalStore;
}
