import { recordGraduationBody } from '../../shared/api/programme-schemas.ts';
import { recordGraduation } from '../../shared/graduations/record-graduation.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { graduations } from '../lib/programmes.ts';
import { registry } from '../lib/registry-store.ts';

export const handler = writeHandler({ name: 'RecordGraduation', body: recordGraduationBody }, async (request) =>
  json(201, await recordGraduation({ graduations, registry }, request.caller, request.body, request.now)),
);
