import { emptyBody } from '../../shared/api/schemas.ts';
import { confirmContribution } from '../../shared/domain/confirm-contribution.ts';
import { json } from '../lib/api-types.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler(
  { name: 'ConfirmContribution', body: emptyBody, bodyOptional: true },
  async (request) => {
    const { contribution, entry } = await confirmContribution(
      store,
      request.caller,
      pathParameter(request, 'id'),
      request.now,
    );
    return json(200, {
      id: contribution.id,
      status: contribution.status,
      entryId: entry.id,
      confirmedAt: contribution.confirmedAt,
    });
  },
);
