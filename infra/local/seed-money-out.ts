import type { Caller } from '../../shared/domain/caller.ts';
import { todayIn } from '../../shared/programmes/calendar-day.ts';
import { banjarmasin } from '../../shared/regions/banjarmasin.ts';

/**
 * Demo money out, so the public page shows flows from the first `npm start`: Makin Mesra's first
 * tranche from CSR, approved and partly paid with evidence; a zakat allocation approved by the
 * TKPK and BAZNAS and partly paid; and one training expense. Every step goes through the same use
 * cases as the API, so the seeded ledger obeys every rule.
 */
const officer: Caller = { sub: 'seed-officer', roles: ['officer'] };
const approver: Caller = { sub: 'seed-approver', roles: ['approver'] };
const baznas: Caller = { sub: 'seed-baznas', roles: ['baznas'] };

/** A tiny, valid PDF standing in for the bank's transfer slip (fictional, says so). */
const demoSlip = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    '% Bukti transfer contoh (fiktif) untuk data demo Terang\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function rules(fund: 'CSR' | 'ZAKAT', amount: number, benefit: number, asOf: string) {
  return {
    fund,
    amount,
    benefitPerHousehold: benefit,
    asOf,
    eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: fund === 'ZAKAT', excludeGraduated: true },
    kecamatan: { weighting: 'eligible' as const },
  };
}

export async function seedDemoMoneyOut(now: Date): Promise<void> {
  const { approvalDependencies } = await import('../../functions/lib/approvals.ts');
  const { programmes, graduations } = await import('../../functions/lib/programmes.ts');
  const { paymentDependencies, disbursements } = await import('../../functions/lib/disbursements.ts');
  const { expenses } = await import('../../functions/lib/expenses.ts');
  const { evidenceStoreFromEnvironment } = await import('../../shared/evidence/evidence-store-from-environment.ts');
  const { proposeAllocation } = await import('../../shared/proposals/propose-allocation.ts');
  const { approveAllocation } = await import('../../shared/approvals/approve-allocation.ts');
  const { uploadEvidence } = await import('../../shared/disbursements/upload-evidence.ts');
  const { recordDisbursement } = await import('../../shared/disbursements/record-disbursement.ts');
  const { recordExpense } = await import('../../shared/expenses/record-expense.ts');
  const proposalDeps = { ...approvalDependencies, programmes, graduations };
  const asOf = todayIn(banjarmasin.code, now);

  const { record: slip } = await uploadEvidence(
    { evidence: evidenceStoreFromEnvironment(), disbursements },
    officer,
    { bytes: demoSlip, contentType: 'application/pdf' },
    now,
  );

  async function allocateAndPay(
    input: Parameters<typeof proposeAllocation>[2],
    approvers: readonly Caller[],
    paidLines: number,
    prefix: string,
  ) {
    const proposal = await proposeAllocation(proposalDeps, officer, input, now);
    for (const caller of approvers) await approveAllocation(approvalDependencies, caller, proposal.id, now);
    const lines = await approvalDependencies.approvals.allLines(proposal.id);
    for (const [index, line] of lines.slice(0, paidLines).entries()) {
      await recordDisbursement(
        paymentDependencies,
        officer,
        {
          lineId: line.id,
          reference: `${prefix}-${String(index + 1).padStart(4, '0')}`,
          paidAt: now.toISOString(),
          channel: 'bank_transfer',
          evidenceSha256: slip.sha256,
        },
        now,
      );
    }
  }

  await allocateAndPay(
    {
      programme: 'Makin Mesra 2026, tahap 1',
      programmeId: 'makin-mesra',
      tranche: 1,
      rules: rules('CSR', 120_000_000, 2_000_000, asOf),
    },
    [approver],
    40,
    'DEMO-PAY-MM',
  );
  await allocateAndPay(
    { programme: 'Bantuan zakat fakir miskin', rules: rules('ZAKAT', 30_000_000, 1_000_000, asOf) },
    [approver, baznas],
    20,
    'DEMO-PAY-Z',
  );
  await recordExpense(
    { store: approvalDependencies.store, expenses },
    officer,
    {
      fund: 'CSR',
      amount: 15_000_000,
      category: 'training',
      description: 'Pelatihan usaha bagi KPM Makin Mesra (contoh)',
      kecamatan: '63.71.02',
    },
    now,
  );
}
