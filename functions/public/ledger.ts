import { publicLedgerPage } from '../../shared/log/public-ledger.ts';
import { json } from '../lib/api-types.ts';
import { logReads } from '../lib/log-reads.ts';
import { publicHandler } from '../lib/public-handler.ts';

export const handler = publicHandler(async ({ query }) =>
  json(200, await publicLedgerPage(logReads, { cursor: query['cursor'], limit: query['limit'] })),
);
