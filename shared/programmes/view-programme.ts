import type { Caller } from '../domain/caller.ts';
import { notFound } from '../domain/errors.ts';
import type { Programme, ProgrammeStore } from './programme.ts';

/** Any signed-in user may read a programme: it holds rules and amounts, no household data. */
export async function viewProgramme(programmes: ProgrammeStore, _caller: Caller, id: string): Promise<Programme> {
  const programme = await programmes.getProgramme(id);
  if (!programme) throw notFound('programme_not_found', `no programme with id ${id}`, 'id');
  return programme;
}
