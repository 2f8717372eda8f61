import { recordTargetsBody } from '../../shared/api/programme-schemas.ts';
import { recordTargets } from '../../shared/programmes/record-targets.ts';
import { json } from '../lib/api-types.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';
import { programmes } from '../lib/programmes.ts';
import { registry } from '../lib/registry-store.ts';

export const handler = writeHandler({ name: 'RecordTargets', body: recordTargetsBody }, async (request) =>
  json(
    201,
    await recordTargets(
      { programmes, registry },
      request.caller,
      pathParameter(request, 'id'),
      request.body,
      request.now,
    ),
  ),
);
