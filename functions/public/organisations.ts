import { publicOrganisations } from '../../shared/domain/public-report.ts';
import { json, publicHandler } from '../lib/api-handler.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler({ name: 'PublicOrganisations', auth: 'none' }, async () =>
  json(200, { items: await publicOrganisations(store) }),
);
