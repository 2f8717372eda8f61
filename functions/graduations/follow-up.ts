import { recordFollowUpBody } from '../../shared/api/programme-schemas.ts';
import { recordFollowUp } from '../../shared/graduations/record-follow-up.ts';
import { json } from '../lib/api-types.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';
import { graduations } from '../lib/programmes.ts';

export const handler = writeHandler({ name: 'RecordFollowUp', body: recordFollowUpBody }, async (request) =>
  json(
    201,
    await recordFollowUp(graduations, request.caller, pathParameter(request, 'household'), request.body, request.now),
  ),
);
