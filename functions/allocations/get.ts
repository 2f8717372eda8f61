import { viewAllocation } from '../../shared/proposals/view-allocation.ts';
import { json } from '../lib/api-types.ts';
import { proposals } from '../lib/proposals.ts';
import { pathParameter, privateReadHandler } from '../lib/private-handlers.ts';

export const handler = privateReadHandler(async (request) =>
  json(200, await viewAllocation(proposals, request.caller, pathParameter(request, 'id'), request.query['cursor'])),
);
