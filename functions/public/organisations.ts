import { publicOrganisations } from '../../shared/public/organisations.ts';
import { json } from '../lib/api-types.ts';
import { publicHandler } from '../lib/public-handler.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler(async () => json(200, { items: await publicOrganisations(store) }));
