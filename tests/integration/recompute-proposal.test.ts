import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { allocateCommand } from '../../infra/local/commands/allocate.ts';
import { demoRegistryCsv } from '../../infra/local/demo-registry.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declare, registerOrganisation } from '../support/scenario.ts';

const registryCsv = demoRegistryCsv(150);
const rules = {
  fund: 'CSR',
  amount: 90_000_000,
  benefitPerHousehold: 1_500_000,
  asOf: '2026-11-01',
  eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: true },
  kecamatan: { weighting: 'official', floorShare: 0.05, capShare: 0.5 },
};

let api: LocalApi;
let proposal: { inputsHash: string; outputsHash: string; slots: number };

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  const officer = await api.token('officer');
  await api.call('POST', '/api/registry/imports', {
    token: officer,
    rawBody: registryCsv,
    headers: { 'content-type': 'text/csv' },
  });
  const companyId = await registerOrganisation(api, 'company');
  const contribution = await declare(api, companyId, 'company', { amount: 100_000_000 });
  await api.call('POST', `/api/contributions/${contribution}/confirm`, { token: await api.token('treasurer') });
  proposal = (await api.call('POST', '/api/allocations', { token: officer, body: { rules } })).body;
});

afterAll(async () => {
  await api.close();
});

async function recomputeOffline(): Promise<{ inputsHash: string; outputsHash: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'terang-recompute-'));
  await writeFile(join(directory, 'households.csv'), registryCsv);
  await writeFile(join(directory, 'rules.json'), JSON.stringify(rules));
  const key = (
    await readFile(join(process.env[handlerEnvironment.localKeyDirectory] as string, 'pseudonym.key'), 'utf8')
  ).trim();
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await allocateCommand(
    ['--households', join(directory, 'households.csv'), '--rules', join(directory, 'rules.json'), '--key', key],
    { stdout, stderr: new PassThrough(), env: {} },
  );
  expect(code).toBe(0);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('a published proposal can be recomputed offline', () => {
  it('gets the same inputs and outputs hashes from the registry file and the pseudonym key', async () => {
    const offline = await recomputeOffline();

    expect(proposal.slots).toBeGreaterThan(0);
    expect(offline.inputsHash).toBe(proposal.inputsHash);
    expect(offline.outputsHash).toBe(proposal.outputsHash);
  });
});
