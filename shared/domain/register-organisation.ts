import { requireRole, type Caller } from './caller.ts';
import { newId } from './ids.ts';
import type { Organisation, OrganisationKind } from './organisations.ts';
import type { TerangStore } from './store.ts';

export interface RegisterOrganisationInput {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly npwp?: string;
}

export async function registerOrganisation(
  store: TerangStore,
  caller: Caller,
  input: RegisterOrganisationInput,
  now: Date,
): Promise<Organisation> {
  requireRole(caller, 'admin');
  const organisation: Organisation = {
    id: newId('org', now),
    name: input.name,
    kind: input.kind,
    ...(input.npwp ? { npwp: input.npwp } : {}),
    createdAt: now.toISOString(),
    createdBy: caller.sub,
  };
  await store.putOrganisation(organisation);
  return organisation;
}
