import { createHash, randomBytes } from 'node:crypto';

import type { ApiResponse, LocalApi } from '../support/local-api.ts';
import { allLines, allocationRules, approveAs, proposeAllocation } from '../support/money-out.ts';

/**
 * Steps the disbursement tests share. Kept beside them (not in tests/support) because only they
 * use it; every step is a real request through the local API.
 */

/** A small but genuine-looking PDF whose bytes differ every call (so its SHA-256 is new). */
export function evidencePdf(): Uint8Array {
  return Buffer.concat([Buffer.from('%PDF-1.7\n% Bukti transfer\n'), randomBytes(32), Buffer.from('\n%%EOF\n')]);
}

/** JPEG signature and a tail full of bytes above 0x7F: proves binary bodies arrive untouched. */
export function evidenceJpeg(): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64), Buffer.from([0xff, 0xd9])]);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** POST /api/evidence with raw bytes (fetch, since the JSON helper sends text only). */
export async function postEvidence(
  api: LocalApi,
  bytes: Uint8Array,
  options: { token?: string; contentType?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/pdf' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  const response = await fetch(`${api.baseUrl}/api/evidence`, { method: 'POST', headers, body: bytes });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** Uploads a fresh evidence file as an officer and returns its SHA-256. */
export async function uploadedEvidence(api: LocalApi): Promise<string> {
  const response = await postEvidence(api, evidencePdf(), { token: await api.token('officer') });
  if (response.status !== 201)
    throw new Error(`evidence upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.sha256 as string;
}

let referenceCounter = 0;
export function uniquePaymentRef(): string {
  referenceCounter += 1;
  return `PAY-${Date.now()}-${referenceCounter}`;
}

/** Proposes `lines` lines of `benefit` from the fund and gets every required approval: reserved lines. */
export async function reservedLines(
  api: LocalApi,
  fund: 'CSR' | 'ZAKAT' | 'INFAK',
  lines: number,
  benefit = 500_000,
): Promise<any[]> {
  const proposal = await proposeAllocation(api, { rules: allocationRules(fund, lines * benefit, benefit) });
  const approved = await approveAs(api, proposal.id);
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  if (fund === 'ZAKAT') {
    const baznas = await approveAs(api, proposal.id, 'baznas');
    if (baznas.status !== 200)
      throw new Error(`BAZNAS approval failed: ${baznas.status} ${JSON.stringify(baznas.body)}`);
  }
  const all = await allLines(api, proposal.id);
  if (!all.every((line) => line.status === 'reserved')) throw new Error(`lines of ${proposal.id} are not all reserved`);
  return all;
}

/** A payment body that passes every rule for the line; override a field to break one. */
export function paymentFor(line: { id: string }, evidenceSha256: string, overrides: Record<string, unknown> = {}) {
  return {
    lineId: line.id,
    reference: uniquePaymentRef(),
    paidAt: '2026-11-20T10:15:00+08:00',
    channel: 'bank_transfer',
    evidenceSha256,
    ...overrides,
  };
}

/** One item of a table snapshot by its keys. */
export function itemAt(snapshot: readonly Record<string, unknown>[], key: { pk: string; sk: string }): any {
  return snapshot.find((item) => item['pk'] === key.pk && item['sk'] === key.sk);
}
