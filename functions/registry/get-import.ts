import { getRegistryImport } from '../../shared/registry/registry-imports.ts';
import { json } from '../lib/api-types.ts';
import { registry } from '../lib/registry-store.ts';
import { pathParameter, privateReadHandler } from '../lib/private-handlers.ts';

export const handler = privateReadHandler(async (request) =>
  json(200, await getRegistryImport(registry, request.caller, pathParameter(request, 'id'))),
);
