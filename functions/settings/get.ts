import { viewSettings } from '../../shared/settings/update-settings.ts';
import { json } from '../lib/api-types.ts';
import { privateReadHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = privateReadHandler(async ({ caller }) => json(200, await viewSettings(store, caller)));
