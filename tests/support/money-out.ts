import type { LocalApi } from './local-api.ts';
import { confirm, declare, pledge, registerOrganisation } from './scenario.ts';

const registryHeader =
  'nik,no_kk,nama,alamat,kode_kelurahan,kode_kecamatan,desil,jumlah_anggota,tanggal_verifikasi,disabilitas,lansia,perempuan_kepala,mustahik,status';

export interface FixtureHousehold {
  readonly kecamatan: string;
  readonly desil?: number;
  readonly mustahik?: boolean;
}

/**
 * A registry CSV of fictional households: `perKecamatan` households in each of the given
 * Banjarmasin kecamatan (suffixes 01…05), desil 1–4, mustahik unless told otherwise.
 */
export function registryCsv(households: readonly FixtureHousehold[]): string {
  const rows = households.map((household, index) => {
    const kecamatanSuffix = household.kecamatan.slice(-2);
    const serial = String(index + 1).padStart(4, '0');
    const nik = `6371${kecamatanSuffix}0101${String(70 + Math.floor(index / 10000)).padStart(2, '0')}${serial}`;
    const kk = `6371${kecamatanSuffix}0101${String(80 + Math.floor(index / 10000)).padStart(2, '0')}${serial}`;
    const desil = household.desil ?? (index % 4) + 1;
    const mustahik = (household.mustahik ?? true) ? 'ya' : 'tidak';
    return `${nik},${kk},Warga ${serial},Jalan ${serial},${household.kecamatan}.1001,${household.kecamatan},${desil},${(index % 6) + 1},2026-05-01,tidak,tidak,tidak,${mustahik},aktif`;
  });
  return [registryHeader, ...rows].join('\n');
}

export function householdsIn(kecamatan: readonly string[], perKecamatan: number): FixtureHousehold[] {
  return kecamatan.flatMap((code) => Array.from({ length: perKecamatan }, () => ({ kecamatan: code })));
}

export async function importRegistry(api: LocalApi, csv: string): Promise<void> {
  const response = await api.call('POST', '/api/registry/imports', {
    token: await api.token('officer', { sub: 'registry-officer' }),
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });
  if (response.status !== 201)
    throw new Error(`registry import failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Allocation rules that pass every check: every household gets `benefit`, eligibility by desil ≤ 4. */
export function allocationRules(
  fund: string,
  amount: number,
  benefit: number,
  overrides: Record<string, unknown> = {},
) {
  return {
    fund,
    amount,
    benefitPerHousehold: benefit,
    asOf: '2026-11-01',
    eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: true },
    kecamatan: { weighting: 'eligible' },
    ...overrides,
  };
}

/** Confirms `amount` into a fund from a new company (CSR) or BAZNAS (ZAKAT, INFAK). */
export async function fundWith(
  api: LocalApi,
  fund: 'CSR' | 'ZAKAT' | 'INFAK',
  amount: number,
  earmark?: Record<string, unknown>,
) {
  const kind = fund === 'CSR' ? 'company' : 'baznas';
  const orgId = await registerOrganisation(api, kind);
  // An earmark travels from the pledge to the contributions made against it.
  const pledgeId = earmark ? await pledge(api, orgId, { amount, earmark }) : undefined;
  const contributionId = await declare(api, orgId, kind, { fund, amount, ...(pledgeId ? { pledgeId } : {}) });
  await confirm(api, contributionId);
  return { orgId, contributionId };
}

export async function proposeAllocation(
  api: LocalApi,
  body: Record<string, unknown>,
  proposer = 'officer-ani',
): Promise<any> {
  const response = await api.call('POST', '/api/allocations', {
    token: await api.token('officer', { sub: proposer }),
    body,
  });
  if (response.status !== 201) throw new Error(`propose failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function approveAs(
  api: LocalApi,
  id: string,
  role: 'approver' | 'baznas' = 'approver',
  sub = `${role}-budi`,
) {
  return api.call('POST', `/api/allocations/${id}/approve`, { token: await api.token(role, { sub }) });
}

/**
 * Approves and, should the request run out of time before every line is reserved, resumes until
 * it is approved: what a client of the API does with a large allocation.
 */
export async function approveFully(api: LocalApi, id: string, role: 'approver' | 'baznas' = 'approver') {
  let response = await approveAs(api, id, role);
  const officer = await api.token('officer', { sub: 'officer-resume' });
  for (let attempt = 0; response.status === 200 && response.body.status === 'reserving' && attempt < 10; attempt += 1) {
    response = await api.call('POST', `/api/allocations/${id}/resume`, { token: officer });
  }
  return response;
}

/** Every line of an allocation (all pages). */
export async function allLines(api: LocalApi, id: string): Promise<any[]> {
  const token = await api.token('officer');
  const lines: any[] = [];
  let cursor: string | undefined;
  do {
    const response = await api.call('GET', `/api/allocations/${id}${cursor ? `?cursor=${cursor}` : ''}`, { token });
    lines.push(...response.body.lines);
    cursor = response.body.nextCursor;
  } while (cursor);
  return lines;
}
