import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makinMesra } from '../../infra/local/seed.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
});

afterAll(async () => {
  await api.close();
});

async function create(body: object, role: 'admin' | 'officer' = 'admin') {
  return api.call('POST', '/api/programmes', { token: await api.token(role, { sub: `${role}-sari` }), body });
}

describe('POST /api/programmes', () => {
  it('registers Makin Mesra with its tranches and stage targets', async () => {
    // Act
    const response = await create(makinMesra);
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: 'makin-mesra',
      category: 'business_capital',
      tranches: [
        { tranche: 1, amount: 2_000_000 },
        { tranche: 2, amount: 3_000_000 },
        { tranche: 3, amount: 5_000_000 },
      ],
      stages: [
        { stage: 1, targets: ['usaha_berjalan', 'untung', 'menabung', 'membantu_orang_lain', 'anggota_sehat_sekolah'] },
        { stage: 2, targets: expect.any(Array) },
      ],
      createdBy: 'admin-sari',
    });
  });

  it('records the new programme in the activity trail', async () => {
    // Prepare
    await create({ ...makinMesra, id: 'pena-2027', name: 'PENA 2027' });
    // Act
    const activity = itemsOf(await table.snapshot(), 'Activity');
    // Assess
    expect(activity).toContainEqual(
      expect.objectContaining({
        subject: 'pena-2027',
        action: 'programme.created',
        actor: 'admin-sari',
        role: 'admin',
      }),
    );
  });

  it('refuses an id that is already taken, writing nothing', async () => {
    // Prepare
    await create({ ...makinMesra, id: 'taken' });
    const before = await table.snapshot();
    // Act
    const response = await create({ ...makinMesra, id: 'taken', name: 'Another' });
    // Assess
    expectProblem(response, 409, { code: 'programme_exists', path: 'id' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('forbids an officer to register a programme, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await create({ ...makinMesra, id: 'by-officer' }, 'officer');
    // Assess
    expectProblem(response, 403, { code: 'forbidden_role' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses an id that is not a lowercase slug, naming id', async () => {
    // Act
    const response = await create({ ...makinMesra, id: 'Makin Mesra' });
    // Assess
    expectProblem(response, 400, { path: 'id' });
  });

  it('refuses tranches that are not numbered 1, 2, 3 in order, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await create({
      ...makinMesra,
      id: 'gap',
      tranches: [
        { tranche: 1, amount: 1_000_000 },
        { tranche: 3, amount: 1_000_000 },
      ],
      stages: [{ stage: 1, targets: ['untung'] }],
    });
    // Assess
    expectProblem(response, 422, { code: 'invalid_programme', path: 'tranches.1.tranche' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a later tranche that no stage of targets opens, naming stages', async () => {
    // Act
    const response = await create({ ...makinMesra, id: 'no-stage', stages: [{ stage: 1, targets: ['untung'] }] });
    // Assess
    expectProblem(response, 422, { code: 'invalid_programme', path: 'stages' });
  });

  it('refuses a target listed twice in one stage, naming it', async () => {
    // Act
    const response = await create({
      ...makinMesra,
      id: 'twice',
      tranches: [
        { tranche: 1, amount: 1_000_000 },
        { tranche: 2, amount: 1_000_000 },
      ],
      stages: [{ stage: 1, targets: ['untung', 'untung'] }],
    });
    // Assess
    expectProblem(response, 422, { code: 'invalid_programme', path: 'stages.0.targets.1' });
  });

  it('refuses a category that is not an earmark category, naming category', async () => {
    // Act
    const response = await create({ ...makinMesra, id: 'bad-category', category: 'ceremony' });
    // Assess
    expectProblem(response, 400, { path: 'category' });
  });
});

describe('GET /api/programmes/{id}', () => {
  it('shows a programme to any signed-in user', async () => {
    // Prepare
    await create({ ...makinMesra, id: 'shown' });
    // Act
    const response = await api.call('GET', '/api/programmes/shown', {
      token: await api.token('company', { orgId: 'org_x' }),
    });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'shown', tranches: makinMesra.tranches });
  });

  it('answers 404 for an unknown programme', async () => {
    // Act
    const response = await api.call('GET', '/api/programmes/nope', { token: await api.token('officer') });
    // Assess
    expectProblem(response, 404, { code: 'programme_not_found' });
  });

  it('answers 401 without a token', async () => {
    // Act
    const response = await api.call('GET', '/api/programmes/makin-mesra');
    // Assess
    expect(response.status).toBe(401);
  });
});
