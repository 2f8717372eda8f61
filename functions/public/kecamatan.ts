import { publicKecamatan } from '../../shared/domain/public-report.ts';
import { json } from '../lib/api-types.ts';
import { graduations } from '../lib/programmes.ts';
import { publicHandler } from '../lib/public-handler.ts';
import { registry } from '../lib/registry-store.ts';
import { store } from '../lib/store.ts';

export const handler = publicHandler(async () => {
  const [snapshot, graduationCounts] = await Promise.all([
    registry.currentSnapshot(),
    graduations.kecamatanGraduationCounts(),
  ]);
  return json(200, { items: await publicKecamatan(store, snapshot?.eligibleByKecamatan, graduationCounts) });
});
