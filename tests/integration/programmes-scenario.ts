import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { makinMesra } from '../../infra/local/seed.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { parsePseudonymKey, pseudonymOf } from '../../shared/registry/pseudonym.ts';
import type { LocalApi } from '../support/local-api.ts';

/** Steps the programme, tranche, graduation and cap tests share, each a real request. */

export const stageTargets = makinMesra.stages[0]?.targets ?? [];

/** Every stage-1 target answered `met` (override single targets to fail them). */
export function results(overrides: Record<string, boolean> = {}): Record<string, boolean> {
  return { ...Object.fromEntries(stageTargets.map((code) => [code, true])), ...overrides };
}

/** The pseudonyms of a registry CSV's rows, in row order (the local pseudonym key exists after an import). */
export async function pseudonymsOf(csv: string): Promise<string[]> {
  const directory = process.env[handlerEnvironment.localKeyDirectory] as string;
  const key = parsePseudonymKey((await readFile(join(directory, 'pseudonym.key'), 'utf8')).trim());
  return csv
    .split('\n')
    .slice(1)
    .map((row) => pseudonymOf(row.split(',')[0] as string, key));
}

export async function createProgramme(api: LocalApi, overrides: Record<string, unknown> = {}): Promise<any> {
  const response = await api.call('POST', '/api/programmes', {
    token: await api.token('admin'),
    body: { ...makinMesra, ...overrides },
  });
  if (response.status !== 201)
    throw new Error(`create programme failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function recordTargets(
  api: LocalApi,
  token: string,
  household: string,
  fields: { stage?: number; results?: Record<string, boolean>; checkedOn?: string; programmeId?: string } = {},
) {
  return api.call('POST', `/api/programmes/${fields.programmeId ?? makinMesra.id}/targets`, {
    token,
    body: {
      household,
      stage: fields.stage ?? 1,
      results: fields.results ?? results(),
      checkedOn: fields.checkedOn ?? '2026-10-15',
    },
  });
}

export function approveTargets(api: LocalApi, token: string, household: string, stage = 1) {
  return api.call('POST', `/api/programmes/${makinMesra.id}/targets/${household}/${stage}/approve`, { token });
}

/** Records stage-1 targets as one officer and approves them as an approver. */
export async function approvedTargets(api: LocalApi, household: string, met = true): Promise<void> {
  const recorded = await recordTargets(api, await api.token('officer', { sub: 'officer-ani' }), household, {
    results: results(met ? {} : { menabung: false }),
  });
  if (recorded.status !== 201) throw new Error(`record targets failed: ${JSON.stringify(recorded.body)}`);
  const approved = await approveTargets(api, await api.token('approver', { sub: 'approver-budi' }), household);
  if (approved.status !== 200) throw new Error(`approve targets failed: ${JSON.stringify(approved.body)}`);
}

export async function graduate(
  api: LocalApi,
  household: string,
  fields: { graduatedOn?: string; kind?: string } = {},
): Promise<any> {
  return api.call('POST', '/api/graduations', {
    token: await api.token('officer', { sub: 'officer-ani' }),
    body: {
      household,
      kind: fields.kind ?? 'mandiri',
      graduatedOn: fields.graduatedOn ?? '2025-01-15',
      reason: 'penghasilan di atas UMK',
    },
  });
}

/** Explanation of one kecamatan in a proposal. */
export function explanationOf(proposal: any, kecamatan: string): string {
  const found = (proposal.explanations as { kecamatan: string; explanation: string }[]).find(
    (entry) => entry.kecamatan === kecamatan,
  );
  return found?.explanation ?? '';
}
