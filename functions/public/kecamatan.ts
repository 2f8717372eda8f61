import { publicKecamatan } from '../../shared/domain/public-report.ts';
import { json, publicHandler } from '../lib/api-handler.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler({ name: 'PublicKecamatan', auth: 'none' }, async () =>
  json(200, { items: await publicKecamatan(store) }),
);
