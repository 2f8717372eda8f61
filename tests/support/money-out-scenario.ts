import type { LocalApi } from './local-api.ts';
import { allLines, approveAs, householdsIn, importRegistry, proposeAllocation, registryCsv } from './money-out.ts';
import { confirm, declare, registerOrganisation } from './scenario.ts';

/** The money-out routes the full public scenario needs (written by other areas of issue 4). */
export const selatan = '63.71.01';
export const timur = '63.71.02';

/**
 * One company's CSR money followed all the way out, each step a real request:
 *   confirmed 10,000,000 → approved proposal of 8 lines × 500,000 (6 in Selatan, 2 in Timur)
 *   → 6 lines paid (5 in Selatan, 1 in Timur) → banner 800,000 in Selatan (ceremonial cap 10 %)
 *   → training 600,000 city-wide.
 * Expected: disbursed 3,000,000, programme 600,000, ceremonial 800,000 (share 0.1818),
 * reserved 1,000,000 (one line in each kecamatan), unspent 4,600,000.
 */
export async function followCsrMoneyOut(api: LocalApi, companyName: string): Promise<{ companyId: string }> {
  const companyId = await registerOrganisation(api, 'company', companyName);
  await confirm(api, await declare(api, companyId, 'company', { amount: 10_000_000 }));
  await expectStatus(
    api.call('POST', '/api/settings', { token: await api.token('admin'), body: { ceremonialCap: { CSR: 0.1 } } }),
    200,
    'settings',
  );

  await importRegistry(api, registryCsv([...householdsIn([selatan], 6), ...householdsIn([timur], 2)]));
  const proposal = await proposeAllocation(api, {
    rules: {
      fund: 'CSR',
      amount: 4_000_000,
      benefitPerHousehold: 500_000,
      asOf: '2026-11-01',
      eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: true },
      kecamatan: { weighting: 'eligible' },
    },
  });
  await expectStatus(approveAs(api, proposal.id), 200, 'approve');

  const officer = await api.token('officer', { sub: 'officer-penyalur' });
  const evidence = await api.call('POST', '/api/evidence', {
    token: officer,
    rawBody: '%PDF-1.4\n% bukti transfer (fiktif)\n',
    headers: { 'content-type': 'application/pdf' },
  });
  if (evidence.status !== 201 && evidence.status !== 200) throw new Error(`evidence: ${JSON.stringify(evidence.body)}`);
  const lines = await allLines(api, proposal.id);
  const toPay = [
    ...lines.filter((line) => line.kecamatan === selatan).slice(0, 5),
    ...lines.filter((line) => line.kecamatan === timur).slice(0, 1),
  ];
  for (const [index, line] of toPay.entries()) {
    await expectStatus(
      api.call('POST', '/api/disbursements', {
        token: officer,
        body: {
          lineId: line.id,
          reference: `TRX-PUBLIK-${proposal.id.slice(-6)}-${index}`,
          paidAt: '2026-11-20T10:15:00+08:00',
          channel: 'bank_transfer',
          evidenceSha256: evidence.body.sha256,
        },
      }),
      201,
      'disbursement',
    );
  }

  const expense = (body: Record<string, unknown>) =>
    expectStatus(api.call('POST', '/api/expenses', { token: officer, body: { fund: 'CSR', ...body } }), 201, 'expense');
  await expense({ category: 'banner', amount: 800_000, description: 'Spanduk peresmian', kecamatan: selatan });
  await expense({ category: 'training', amount: 600_000, description: 'Pelatihan usaha warga' });
  return { companyId };
}

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number, step: string) {
  const { status: actual, body } = await response;
  if (actual !== status) throw new Error(`${step} answered ${actual}: ${JSON.stringify(body)}`);
}
