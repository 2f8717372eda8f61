import { parseIsoInstant } from '../../shared/api/iso-date.ts';
import { declareContributionBody } from '../../shared/api/schemas.ts';
import { declareContribution } from '../../shared/domain/declare-contribution.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler(
  { name: 'DeclareContribution', body: declareContributionBody },
  async ({ body, caller, now }) => {
    // The schema has already proven the instant parses.
    const transferredAt = parseIsoInstant(body.transferredAt) as Date;
    return json(201, await declareContribution(store, caller, { ...body, transferredAt }, now));
  },
);
