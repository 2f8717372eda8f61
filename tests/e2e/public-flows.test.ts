import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { webBuildDirectory } from '../../infra/local/web-build.ts';
import { formatRupiah } from '../../shared/domain/money.ts';
import { launchChromium } from '../support/browser.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { confirm, declare, registerOrganisation } from '../support/scenario.ts';
import { followCsrMoneyOut, selatan } from '../support/money-out-scenario.ts';

type Link = { source: string; target: string; fund: string; amount: number };

const spender = 'PT Sankey Terbuka (fiktif)';
let api: LocalApi;
let browser: Browser;
let page: Page;
let links: Link[];

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi({ staticDirectory: webBuildDirectory });
  await followCsrMoneyOut(api, spender);
  const baznasId = await registerOrganisation(api, 'baznas', 'BAZNAS Sankey (fiktif)');
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'ZAKAT', amount: 1_234_567 }));
  links = (await api.call('GET', '/api/public/flows')).body.links;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(api.baseUrl, { waitUntil: 'networkidle' });
  await page.getByTestId('sankey').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const linkSelector = (link: Link, testId: string) =>
  `[data-testid="${testId}"][data-source="${link.source}"][data-target="${link.target}"][data-fund="${link.fund}"]`;

describe('Aliran dana (Sankey) in Debian chromium', () => {
  it('draws one band per flow the API reports', async () => {
    const bands = page.getByTestId('sankey-link');

    await expect.poll(() => bands.count()).toBe(links.length);
    for (const link of links) {
      expect(await page.locator(linkSelector(link, 'sankey-link')).getAttribute('data-amount')).toBe(
        String(link.amount),
      );
    }
  });

  it('draws each band as wide as its share of the money', async () => {
    const width = async (link: Link | undefined) =>
      Number(await page.locator(linkSelector(link as Link, 'sankey-link')).getAttribute('data-width'));
    const contributed = (fund: string) =>
      links.find((link) => link.fund === fund && link.source.startsWith('contributor:'));

    const ratio = (await width(contributed('CSR'))) / (await width(contributed('ZAKAT')));

    expect(ratio).toBeCloseTo(10_000_000 / 1_234_567, 1);
  });

  it('lists every flow with its Rupiah amount in the table for screen readers', async () => {
    for (const link of links) {
      const row = page.locator(linkSelector(link, 'flow-link'));
      expect(await row.getByTestId('flow-link-amount').textContent()).toBe(formatRupiah(link.amount));
    }
    expect(await page.getByTestId('flow-link').first().textContent()).toContain('BAZNAS Sankey (fiktif)');
  });

  it('labels each fund node with the money through it', async () => {
    const zakat = page.locator('[data-testid="sankey-node"][data-id="fund:ZAKAT"]');

    expect(await zakat.textContent()).toContain(formatRupiah(1_234_567));
  });
});

describe('the Sankey and the ceremonial share after money went out', () => {
  it('follows the money into the kecamatan, and on to families and ceremonial spending', async () => {
    const row = (source: string, target: string) =>
      page.locator(linkSelector({ source, target, fund: 'CSR', amount: 0 }, 'flow-link'));

    expect(await row('fund:CSR', `kecamatan:${selatan}`).textContent()).toContain(formatRupiah(3_800_000));
    expect(await row(`kecamatan:${selatan}`, 'use:households').textContent()).toContain(formatRupiah(2_500_000));
    expect(await row(`kecamatan:${selatan}`, 'use:ceremonial').textContent()).toContain(formatRupiah(800_000));
    expect(await row('kecamatan:city', 'use:programmes').textContent()).toContain('Seluruh kota');
  });

  it('shows the ceremonial share, its Rupiah amount and the families reached in the organisations table', async () => {
    const row = page.getByTestId('organisation-row').filter({ hasText: spender });

    expect(await row.getByTestId('organisation-ceremonial-share').textContent()).toBe('18,2 %');
    expect(await row.getByTestId('organisation-ceremonial-amount').textContent()).toBe(formatRupiah(800_000));
    expect(await row.getByTestId('organisation-reached').textContent()).toBe('6');
  });

  it('shows 0,0 % for a contributor that has spent nothing', async () => {
    const row = page.getByTestId('organisation-row').filter({ hasText: 'BAZNAS Sankey (fiktif)' });

    expect(await row.getByTestId('organisation-ceremonial-share').textContent()).toBe('0,0 %');
  });

  it('names the uses in English after switching language', async () => {
    await page.getByTestId('lang-toggle').getByText('EN', { exact: true }).click();
    const households = page.locator('[data-testid="sankey-node"][data-id="use:households"]');

    await expect.poll(() => households.textContent()).toContain('Paid to families');
    expect(await households.textContent()).toContain(formatRupiah(3_000_000));
    await page.getByTestId('lang-toggle').getByText('ID', { exact: true }).click();
  });
});
