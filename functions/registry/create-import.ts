import { newId } from '../../shared/domain/ids.ts';
import { badRequest } from '../../shared/domain/errors.ts';
import { importHouseholds } from '../../shared/registry/import-households.ts';
import { json } from '../lib/api-types.ts';
import { registryDependencies } from '../lib/registry-dependencies.ts';
import { csvUploadHandler } from '../lib/private-handlers.ts';

function dryRunFlag(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw badRequest('invalid_query', 'dryRun must be true or false', [
    { path: 'dryRun', message: 'must be true or false' },
  ]);
}

export const handler = csvUploadHandler({ name: 'CreateRegistryImport' }, async ({ body, caller, query, now }) => {
  const dryRun = dryRunFlag(query['dryRun']);
  const { registryImport, report } = await importHouseholds(await registryDependencies(), caller, [body], {
    importId: newId('imp', now),
    dryRun,
    now,
  });
  return json(dryRun ? 200 : 201, {
    id: registryImport.id,
    dryRun,
    ...(registryImport.snapshot !== undefined ? { snapshot: registryImport.snapshot } : {}),
    ...report,
  });
});
