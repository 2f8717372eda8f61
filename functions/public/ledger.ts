import { logStore } from '../lib/log-store.ts';
import { json } from '../lib/api-types.ts';
import { publicHandler } from '../lib/public-handler.ts';
import { publicLedgerPage } from '../../shared/log/public-ledger.ts';

export const handler = publicHandler(async ({ query }) =>
  json(200, await publicLedgerPage(logStore, { cursor: query['cursor'], limit: query['limit'] })),
);
