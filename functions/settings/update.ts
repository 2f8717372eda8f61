import { updateSettingsBody } from '../../shared/api/expense-schemas.ts';
import { updateSettings } from '../../shared/settings/update-settings.ts';
import { json } from '../lib/api-types.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler(
  { name: 'UpdateSettings', body: updateSettingsBody },
  async ({ body, caller, now }) => json(200, await updateSettings(store, caller, body, now)),
);
