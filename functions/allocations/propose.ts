import { proposeAllocationBody } from '../../shared/api/schemas.ts';
import { proposeAllocation } from '../../shared/proposals/propose-allocation.ts';
import { json } from '../lib/api-types.ts';
import { graduations, programmes } from '../lib/programmes.ts';
import { proposals } from '../lib/proposals.ts';
import { registry } from '../lib/registry-store.ts';
import { store } from '../lib/store.ts';
import { writeHandler } from '../lib/private-handlers.ts';

export const handler = writeHandler(
  { name: 'ProposeAllocation', body: proposeAllocationBody },
  async ({ body, caller, now }) =>
    json(201, await proposeAllocation({ store, registry, proposals, programmes, graduations }, caller, body, now)),
);
