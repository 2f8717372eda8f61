import { createOrganisationBody } from '../../shared/api/schemas.ts';
import { registerOrganisation } from '../../shared/domain/register-organisation.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler(
  { name: 'CreateOrganisation', body: createOrganisationBody },
  async ({ body, caller, now }) => json(201, await registerOrganisation(store, caller, body, now)),
);
