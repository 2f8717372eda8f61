import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { webBuildDirectory } from '../../infra/local/web-build.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { formatRupiah } from '../../shared/domain/money.ts';
import { launchChromium } from '../support/browser.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { startPublicLog } from '../support/public-log.ts';
import { confirm, declare, registerOrganisation } from '../support/scenario.ts';

let api: LocalApi;
let log: Awaited<ReturnType<typeof startPublicLog>>;
let browser: Browser;
let page: Page;
let contributionId: string;
let entryCount: number;
let entryIndex: number;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi({
    staticDirectory: webBuildDirectory,
    logDirectory: process.env[handlerEnvironment.localLogDirectory]!,
  });
  log = await startPublicLog();
  const orgId = await registerOrganisation(api, 'company', 'PT Verifikasi Peramban (fiktif)');
  // Two entries, so that every inclusion proof has at least one hash to tamper with.
  await confirm(api, await declare(api, orgId, 'company', { amount: 1_000_000 }));
  contributionId = await declare(api, orgId, 'company', { amount: 12_345_678 });
  await confirm(api, contributionId);
  await log.settled();
  const ledger = await api.call('GET', '/api/public/ledger?cursor=0&limit=1000');
  const entries = ledger.body.entries as { index: number; refs: Record<string, string> }[];
  entryCount = entries.length;
  entryIndex = entries.find((entry) => entry.refs['contributionId'] === contributionId)!.index;
  browser = await launchChromium();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await log?.stop();
  await api?.close();
});

async function openVerifyPage(): Promise<void> {
  await page.goto(`${api.baseUrl}/verifikasi`, { waitUntil: 'networkidle' });
  await page.locator('[data-testid="checkpoint-status"]:not([data-state="checking"])').waitFor();
}

async function verifyReceipt(receipt: string): Promise<void> {
  await page.getByTestId('receipt-input').fill(receipt);
  await page.getByTestId('receipt-submit').click();
  await page.locator('[data-testid="receipt-result"]:not([data-state="checking"])').waitFor();
}

async function receiptOf(id: string): Promise<string> {
  const response = await api.call<string>('GET', `/api/public/contributions/${id}/receipt`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('Verifikasi Log Publik in Debian chromium', () => {
  it('verifies the signed checkpoint and recomputes its root from the tiles', async () => {
    // Act
    await openVerifyPage();

    // Assess
    expect(entryCount).toBe(2);
    expect(await page.getByTestId('checkpoint-status').getAttribute('data-state')).toBe('valid');
    expect(await page.getByTestId('checkpoint-status').textContent()).toContain('Tanda tangan sah');
    expect(await page.getByTestId('checkpoint-size').getAttribute('data-size')).toBe(String(entryCount));
    expect(await page.getByTestId('checkpoint-origin').textContent()).toBe('terang.local/banjarmasin');
    await expect.poll(() => page.getByTestId('root-status').getAttribute('data-state')).toBe('match');
    expect(await page.getByTestId('root-status').textContent()).toContain('Akar pohon cocok');
  });

  it('verifies a company’s receipt and shows its index and amount', async () => {
    // Prepare
    const receipt = await receiptOf(contributionId);
    await openVerifyPage();

    // Act
    await verifyReceipt(receipt);

    // Assess
    expect(await page.getByTestId('receipt-result').getAttribute('data-state')).toBe('valid');
    expect(await page.getByTestId('receipt-index').textContent()).toBe(String(entryIndex));
    expect(await page.getByTestId('receipt-amount').textContent()).toBe(formatRupiah(12_345_678));
    expect(await page.getByTestId('receipt-type').textContent()).toBe('contribution.confirmed');
    expect(await page.getByTestId('receipt-fund').textContent()).toBe('CSR');
  });

  it('rejects a receipt whose proof hash was changed by one character', async () => {
    // Prepare
    const lines = (await receiptOf(contributionId)).split('\n');
    const hashLine = lines.findIndex((line, i) => i > 0 && /^[A-Za-z0-9+/]{43}=$/u.test(line));
    const hash = lines[hashLine]!;
    lines[hashLine] = `${hash[0] === 'A' ? 'B' : 'A'}${hash.slice(1)}`;
    await openVerifyPage();

    // Act
    await verifyReceipt(lines.join('\n'));

    // Assess
    expect(hashLine).toBeGreaterThan(0);
    expect(await page.getByTestId('receipt-result').getAttribute('data-state')).toBe('invalid');
    expect(await page.getByTestId('receipt-error').getAttribute('data-code')).toBe('inclusion');
    expect(await page.getByTestId('receipt-result').textContent()).toContain('Tanda terima tidak sah');
  });

  it('is linked from the report’s footer and switches to English', async () => {
    // Prepare
    await page.goto(api.baseUrl, { waitUntil: 'networkidle' });

    // Act
    await page.getByTestId('verify-link').click();
    await page.locator('[data-testid="checkpoint-status"][data-state="valid"]').waitFor();
    await page.getByTestId('lang-toggle').getByText('EN', { exact: true }).click();

    // Assess
    expect(new URL(page.url()).pathname).toBe('/verifikasi');
    expect(await page.getByTestId('checkpoint-status').textContent()).toContain('Signature valid');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});
