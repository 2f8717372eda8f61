import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { householdsIn, importRegistry, registryCsv } from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';
import { approveTargets, createProgramme, pseudonymsOf, recordTargets, results } from './programmes-scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let approver: string;
let households: string[];

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  const csv = registryCsv(householdsIn(['63.71.01'], 12));
  await importRegistry(api, csv);
  households = await pseudonymsOf(csv);
  await createProgramme(api);
  officer = await api.token('officer', { sub: 'officer-ani' });
  approver = await api.token('approver', { sub: 'approver-budi' });
});

afterAll(async () => {
  await api.close();
});

function household(index: number): string {
  return households[index] as string;
}

describe('POST /api/programmes/{id}/targets', () => {
  it('records stage-1 targets, met when every target was met', async () => {
    // Act
    const response = await recordTargets(api, officer, household(0));
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'recorded',
      met: true,
      household: household(0),
      kecamatan: '63.71.01',
      stage: 1,
      recordedBy: 'officer-ani',
    });
  });

  it('records targets as not met when one target was missed', async () => {
    // Act
    const response = await recordTargets(api, officer, household(1), { results: results({ menabung: false }) });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'recorded', met: false });
  });

  it('writes the targets and their activity record', async () => {
    // Prepare
    await recordTargets(api, officer, household(2));
    // Act
    const snapshot = await table.snapshot();
    // Assess
    expect(itemsOf(snapshot, 'StageTargets')).toContainEqual(
      expect.objectContaining({ household: household(2), stage: 1, status: 'recorded', met: true }),
    );
    expect(itemsOf(snapshot, 'Activity')).toContainEqual(
      expect.objectContaining({ subject: 'makin-mesra', action: 'targets.recorded', actor: 'officer-ani' }),
    );
  });

  it('refuses a target code the stage does not have, naming it and writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, officer, household(3), { results: results({ punya_mobil: true }) });
    // Assess
    expectProblem(response, 422, { code: 'invalid_targets', path: 'results.punya_mobil' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses results that leave a target unanswered, naming it and writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    const { menabung: _menabung, ...partial } = results();
    // Act
    const response = await recordTargets(api, officer, household(3), { results: partial });
    // Assess
    expectProblem(response, 422, { code: 'invalid_targets', path: 'results.menabung' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for a household the registry does not hold, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, officer, '0'.repeat(32));
    // Assess
    expectProblem(response, 404, { code: 'household_not_found', path: 'household' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown programme', async () => {
    // Act
    const response = await recordTargets(api, officer, household(3), { programmeId: 'nope' });
    // Assess
    expectProblem(response, 404, { code: 'programme_not_found' });
  });

  it('refuses a stage the programme does not have, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, officer, household(3), { stage: 3 });
    // Assess
    expectProblem(response, 422, { code: 'unknown_stage', path: 'stage' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a check dated in the future, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, officer, household(3), { checkedOn: '2099-01-01' });
    // Assess
    expectProblem(response, 422, { code: 'date_in_future', path: 'checkedOn' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('forbids an approver to record targets, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, approver, household(3));
    // Assess
    expectProblem(response, 403, { code: 'forbidden_role' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('lets the officer correct targets that are not approved yet', async () => {
    // Prepare
    await recordTargets(api, officer, household(4), { results: results({ untung: false }) });
    // Act
    const response = await recordTargets(api, officer, household(4));
    // Assess
    expect(response.status).toBe(201);
    expect(response.body.met).toBe(true);
    expect(itemsOf(await table.snapshot(), 'StageTargets')).toContainEqual(
      expect.objectContaining({ household: household(4), met: true, status: 'recorded' }),
    );
  });
});

describe('POST /api/programmes/{id}/targets/{household}/{stage}/approve', () => {
  it('approves targets recorded by another officer', async () => {
    // Prepare
    await recordTargets(api, officer, household(5));
    // Act
    const response = await approveTargets(api, approver, household(5));
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'approved', approvedBy: 'approver-budi', met: true });
    expect(itemsOf(await table.snapshot(), 'Activity')).toContainEqual(
      expect.objectContaining({ subject: 'makin-mesra', action: 'targets.approved', actor: 'approver-budi' }),
    );
  });

  it('forbids approving targets one recorded oneself, writing nothing', async () => {
    // Prepare
    const both = await api.token(['officer', 'approver'], { sub: 'officer-and-approver' });
    await recordTargets(api, both, household(6));
    const before = await table.snapshot();
    // Act
    const response = await approveTargets(api, both, household(6));
    // Assess
    expectProblem(response, 403, { code: 'own_record' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses to approve the same targets twice, writing nothing', async () => {
    // Prepare
    await recordTargets(api, officer, household(7));
    await approveTargets(api, approver, household(7));
    const before = await table.snapshot();
    // Act
    const response = await approveTargets(api, await api.token('approver', { sub: 'approver-citra' }), household(7));
    // Assess
    expectProblem(response, 409, { code: 'already_approved' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses to record approved targets again, writing nothing', async () => {
    // Prepare
    await recordTargets(api, officer, household(8));
    await approveTargets(api, approver, household(8));
    const before = await table.snapshot();
    // Act
    const response = await recordTargets(api, officer, household(8), { results: results({ untung: false }) });
    // Assess
    expectProblem(response, 409, { code: 'targets_approved' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('forbids an officer to approve targets, writing nothing', async () => {
    // Prepare
    await recordTargets(api, officer, household(9));
    const before = await table.snapshot();
    // Act
    const response = await approveTargets(api, await api.token('officer', { sub: 'officer-dewi' }), household(9));
    // Assess
    expectProblem(response, 403, { code: 'forbidden_role' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 when no targets were recorded for that household and stage', async () => {
    // Act
    const response = await approveTargets(api, approver, household(10));
    // Assess
    expectProblem(response, 404, { code: 'targets_not_found' });
  });

  it('refuses a stage that is not a whole number, naming stage', async () => {
    // Act
    const response = await api.call('POST', `/api/programmes/makin-mesra/targets/${household(0)}/first/approve`, {
      token: approver,
    });
    // Assess
    expectProblem(response, 400, { path: 'stage' });
  });
});
