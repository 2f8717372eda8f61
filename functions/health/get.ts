import { json } from '../lib/api-types.ts';
import { publicHandler } from '../lib/public-handler.ts';

export const handler = publicHandler(async () => json(200, { status: 'ok' }));
