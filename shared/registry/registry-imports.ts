import { requireRole, type Caller } from '../domain/caller.ts';
import { notFound } from '../domain/errors.ts';
import type { RegistryImport, RegistryStore } from './registry-store.ts';

export type PublishedImport = Omit<RegistryImport, 'wrappedDataKey' | 'masterKeyId'>;

/** An import's progress and report, without the wrapped data key that sealed its households. */
export async function getRegistryImport(store: RegistryStore, caller: Caller, id: string): Promise<PublishedImport> {
  requireRole(caller, 'officer', 'approver', 'admin');
  const found = await store.getImport(id);
  if (!found) throw notFound('import_not_found', `no registry import with id ${id}`, 'id');
  const { wrappedDataKey: _wrapped, masterKeyId: _master, ...published } = found;
  return published;
}
