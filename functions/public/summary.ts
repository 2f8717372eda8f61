import { publicSummary } from '../../shared/domain/public-report.ts';
import { json, publicHandler } from '../lib/api-handler.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler({ name: 'PublicSummary', auth: 'none' }, async ({ now }) =>
  json(200, await publicSummary(store, now)),
);
