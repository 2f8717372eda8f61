import { createPledgeBody } from '../../shared/api/schemas.ts';
import { makePledge } from '../../shared/domain/make-pledge.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler({ name: 'CreatePledge', body: createPledgeBody }, async ({ body, caller, now }) =>
  json(201, await makePledge(store, caller, body, now)),
);
