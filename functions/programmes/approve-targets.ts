import { emptyBody } from '../../shared/api/schemas.ts';
import { badRequest } from '../../shared/domain/errors.ts';
import { approveTargets } from '../../shared/programmes/approve-targets.ts';
import { json } from '../lib/api-types.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';
import { programmes } from '../lib/programmes.ts';

function stageOf(text: string): number {
  if (!/^[1-9]\d?$/u.test(text)) {
    throw badRequest('invalid_path_parameter', `stage must be a whole number from 1 to 99, not ${text}`, [
      { path: 'stage', message: 'must be a whole number from 1 to 99' },
    ]);
  }
  return Number(text);
}

export const handler = writeHandler({ name: 'ApproveTargets', body: emptyBody, bodyOptional: true }, async (request) =>
  json(
    200,
    await approveTargets(
      programmes,
      request.caller,
      {
        programmeId: pathParameter(request, 'id'),
        household: pathParameter(request, 'household'),
        stage: stageOf(pathParameter(request, 'stage')),
      },
      request.now,
    ),
  ),
);
