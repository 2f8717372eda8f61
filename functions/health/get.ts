import { json, publicHandler } from '../lib/api-handler.ts';

export const handler = publicHandler({ name: 'Health', auth: 'none' }, async () => json(200, { status: 'ok' }));
