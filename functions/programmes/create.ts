import { createProgrammeBody } from '../../shared/api/programme-schemas.ts';
import { createProgramme } from '../../shared/programmes/create-programme.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { programmes } from '../lib/programmes.ts';

export const handler = writeHandler(
  { name: 'CreateProgramme', body: createProgrammeBody },
  async ({ body, caller, now }) => json(201, await createProgramme(programmes, caller, body, now)),
);
