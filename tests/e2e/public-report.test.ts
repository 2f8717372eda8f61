import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { webBuildDirectory } from '../../infra/local/web-build.ts';
import { formatRupiah } from '../../shared/domain/money.ts';
import { launchChromium } from '../support/browser.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declare, registerOrganisation } from '../support/scenario.ts';

let api: LocalApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi({ staticDirectory: webBuildDirectory });
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function openReport(): Promise<void> {
  await page.goto(api.baseUrl, { waitUntil: 'networkidle' });
  await page.getByTestId('total-confirmed').waitFor();
}

describe('Laporan Transparansi in Debian chromium', () => {
  it('shows a confirmed contribution in the totals after a reload', async () => {
    // Prepare
    const orgId = await registerOrganisation(api, 'company', 'PT Uji Coba Peramban (fiktif)');
    const contributionId = await declare(api, orgId, 'company', { amount: 12_345_678 });
    await openReport();
    const before = await page.getByTestId('total-confirmed').textContent();
    // Act
    const confirmation = await api.call('POST', `/api/contributions/${contributionId}/confirm`, {
      token: await api.token('treasurer'),
    });
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('total-confirmed').waitFor();
    // Assess
    expect(confirmation.status).toBe(200);
    expect(before).toContain(formatRupiah(0));
    await expect.poll(() => page.getByTestId('total-confirmed').textContent()).toContain(formatRupiah(12_345_678));
    await expect.poll(() => page.getByTestId('fund-CSR').textContent()).toContain(formatRupiah(12_345_678));
  });

  it('lists the organisation with its confirmed money', async () => {
    await openReport();

    const row = page.getByTestId('organisation-row').filter({ hasText: 'PT Uji Coba Peramban (fiktif)' });

    await expect.poll(() => row.textContent()).toContain(formatRupiah(12_345_678));
  });

  it('lists the five kecamatan of Banjarmasin with their poverty counts', async () => {
    await openReport();

    const rows = page.getByTestId('kecamatan-row');

    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.first().textContent()).toContain('Banjarmasin Selatan');
  });

  it('switches the report to English and back', async () => {
    await openReport();
    const indonesian = await page.locator('h1').textContent();

    await page.getByTestId('lang-toggle').getByText('EN', { exact: true }).click();
    const english = await page.locator('h1').textContent();

    expect(indonesian).toContain('Laporan Transparansi');
    expect(english).not.toEqual(indonesian);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});
