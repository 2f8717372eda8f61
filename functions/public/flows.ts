import { readPublicFlows } from '../../shared/public/flows.ts';
import { json } from '../lib/api-types.ts';
import { publicHandler } from '../lib/public-handler.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler(async ({ now }) => json(200, await readPublicFlows(store, now)));
