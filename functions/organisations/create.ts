import { createOrganisationBody } from '../../shared/api/schemas.ts';
import { registerOrganisation } from '../../shared/domain/register-organisation.ts';
import { json, writeHandler } from '../lib/api-handler.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler(
  { name: 'CreateOrganisation', auth: 'jwt', body: createOrganisationBody },
  async ({ body, caller, now }) => json(201, await registerOrganisation(store, caller, body, now)),
);
