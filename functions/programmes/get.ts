import { viewProgramme } from '../../shared/programmes/view-programme.ts';
import { json } from '../lib/api-types.ts';
import { pathParameter, privateReadHandler } from '../lib/private-handlers.ts';
import { programmes } from '../lib/programmes.ts';

export const handler = privateReadHandler(async (request) =>
  json(200, await viewProgramme(programmes, request.caller, pathParameter(request, 'id'))),
);
