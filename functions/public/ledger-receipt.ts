import { ledgerReceipt, parseLogIndex } from '../../shared/log/public-ledger.ts';
import { logReads } from '../lib/log-reads.ts';
import { publicHandler } from '../lib/public-handler.ts';
import { tlogProof } from '../lib/tlog-proof-response.ts';

export const handler = publicHandler(async ({ pathParameters }) =>
  tlogProof(await ledgerReceipt(logReads, parseLogIndex(pathParameters['index']))),
);
