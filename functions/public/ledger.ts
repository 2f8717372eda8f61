import { publicLedgerPage } from '../../shared/log/public-ledger.ts';
import { json } from '../lib/api-types.ts';
import { logStore } from '../lib/log-store.ts';
import { publicHandler } from '../lib/public-handler.ts';

export const handler = publicHandler(async ({ query }) =>
  json(200, await publicLedgerPage(logStore, { cursor: query['cursor'], limit: query['limit'] })),
);
