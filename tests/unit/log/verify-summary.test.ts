import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { directoryLogSource } from '../../../shared/log/verify/directory-log-source.ts';
import { LogSourceError, VerificationFailure } from '../../../shared/log/verify/failures.ts';
import { httpLogSource } from '../../../shared/log/verify/http-log-source.ts';
import type { LogSource } from '../../../shared/log/verify/log-source.ts';
import { verifyLog, type TrustState } from '../../../shared/log/verify/verify-log.ts';
import {
  ledgerStory,
  runVerify,
  summaryTotals,
  temporaryDirectory,
  writeLogFixture,
  type SummaryTotals,
} from '../../support/log-fixture.ts';

let log: { path: string; remove: () => Promise<void> };

beforeEach(async () => {
  log = await temporaryDirectory();
});

afterEach(async () => {
  await log.remove();
});

/** The log directory plus a site summary, as a Terang site serves them. */
function siteSource(summary: () => SummaryTotals): LogSource {
  return { ...directoryLogSource(log.path), summary: async () => ({ demo: false, pledged: 0, ...summary() }) };
}

/** A fetch answering like a Terang site: /log/* from the log directory, the summary from `summary`. */
function siteFetch(summary: () => unknown, requests: string[] = []): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    requests.push(url.href);
    if (url.pathname === '/api/public/summary') return Response.json(summary());
    if (!url.pathname.startsWith('/log/')) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(join(log.path, url.pathname.slice('/log/'.length))));
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof fetch;
}

describe('comparing the public summary (step 5)', () => {
  it('matches a summary whose totals are those of the entries', async () => {
    await writeLogFixture(log.path, ledgerStory(300));
    const totals = summaryTotals(ledgerStory(300));

    const report = await verifyLog({ source: siteSource(() => totals) });

    expect(report.summary).toBe('matched');
    expect(report.totals).toEqual(totals);
  });

  it('names the first total that differs', async () => {
    await writeLogFixture(log.path, ledgerStory(300));
    const totals = summaryTotals(ledgerStory(300));
    const wrong = { ...totals, byFund: { ...totals.byFund, ZAKAT: totals.byFund['ZAKAT']! + 1 } };

    const verifying = verifyLog({ source: siteSource(() => wrong), summaryAttempts: 2, sleep: async () => {} });

    await expect(verifying).rejects.toThrow(VerificationFailure);
    await expect(verifying).rejects.toThrow(
      `the public summary's byFund.ZAKAT is ${wrong.byFund['ZAKAT']}, but the log's entries give ${totals.byFund['ZAKAT']} (size 300, 2 attempts)`,
    );
  });

  it("names a fund's balance that differs", async () => {
    await writeLogFixture(log.path, ledgerStory(300));
    const totals = summaryTotals(ledgerStory(300));
    const wrong = { ...totals, balances: { ...totals.balances, CSR: 0 } };

    await expect(verifyLog({ source: siteSource(() => wrong), summaryAttempts: 1 })).rejects.toThrow(
      `the public summary's balances.CSR is 0, but the log's entries give ${totals.balances['CSR']} (size 300, 1 attempts)`,
    );
  });

  it('waits for the log to catch up with a summary that is ahead of the checkpoint, then verifies the rest', async () => {
    // Prepare: the site already counts 300 entries; the log has sequenced 296 of them.
    await writeLogFixture(log.path, ledgerStory(296));
    const totals = summaryTotals(ledgerStory(300));
    const trusted: Required<TrustState>[] = [];

    // Act: while the verifier waits, the sequencer publishes the last four.
    const report = await verifyLog({
      source: siteSource(() => totals),
      sleep: async () => {
        await writeLogFixture(log.path, ledgerStory(300));
      },
      onTrusted: (state) => {
        trusted.push(state);
      },
    });

    // Assess
    expect(report.summary).toBe('matched');
    expect(report.size).toBe(300);
    expect(trusted.map((state) => state.checkpoint.split('\n')[1])).toEqual(['296', '300']);
  });

  it('rejects entries the log changed while it caught up', async () => {
    await writeLogFixture(log.path, ledgerStory(296));
    const totals = summaryTotals(ledgerStory(300));
    const changed = [...ledgerStory(300)].map((entry) =>
      entry.index === 257 ? { ...entry, refs: { expenseId: 'expense_forged' } } : entry,
    );

    const verifying = verifyLog({
      source: siteSource(() => totals),
      sleep: async () => {
        await writeLogFixture(log.path, changed);
      },
    });

    await expect(verifying).rejects.toThrow('tile/entries/001.p/44 changed entry 257, verified before at size 296');
  });
});

describe('the HTTP log source', () => {
  it('reads the log under /log/ of a site root and the summary under /api/public', async () => {
    await writeLogFixture(log.path, ledgerStory(3));
    const requests: string[] = [];
    const source = httpLogSource(
      'https://terang.example',
      siteFetch(() => ({ confirmed: 1 }), requests),
    );

    const checkpoint = await source.get('checkpoint');
    const summary = await source.summary!();

    expect(new TextDecoder().decode(checkpoint)).toContain('terang.test/log\n3\n');
    expect(summary).toEqual({ confirmed: 1 });
    expect(requests).toEqual(['https://terang.example/log/checkpoint', 'https://terang.example/api/public/summary']);
  });

  it('takes a URL ending in /log as the log itself', async () => {
    const requests: string[] = [];
    const source = httpLogSource('https://terang.example/kota/log/', async (url) => {
      requests.push(url);
      return Response.json({});
    });

    await source.get('tile/0/000');
    await source.summary!();

    expect(requests).toEqual([
      'https://terang.example/kota/log/tile/0/000',
      'https://terang.example/kota/api/public/summary',
    ]);
  });

  it('reads a 404 as a file the log does not serve', async () => {
    const source = httpLogSource(
      'https://terang.example',
      siteFetch(() => ({})),
    );

    expect(await source.get('tile/9/000')).toBeUndefined();
  });

  it('reports a server error as an I/O error, not a verification failure', async () => {
    const source = httpLogSource('https://terang.example', async () => new Response('oops', { status: 502 }));

    await expect(source.get('checkpoint')).rejects.toThrow(LogSourceError);
  });

  it('reports an unreachable site as an I/O error', async () => {
    const source = httpLogSource('https://terang.example', async () => {
      throw new TypeError('fetch failed');
    });

    await expect(source.get('checkpoint')).rejects.toThrow(
      'cannot fetch https://terang.example/log/checkpoint: fetch failed',
    );
  });
});

describe('npx terang verify <url>', () => {
  it('verifies a site: log and summary, exit 0', async () => {
    await writeLogFixture(log.path, ledgerStory(500));
    const totals = summaryTotals(ledgerStory(500));

    const run = await runVerify(['https://terang.example'], { fetch: siteFetch(() => totals) });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^verified terang\.test\/log size 500 root \S+ in \d+\.\ds \(key trusted on first use, summary matched\)\n$/u,
    );
  });

  it('fails, exit 1, naming the total a site summary gets wrong', async () => {
    await writeLogFixture(log.path, ledgerStory(500));
    const totals = summaryTotals(ledgerStory(500));

    const run = await runVerify(['https://terang.example'], {
      fetch: siteFetch(() => ({ ...totals, confirmed: totals.confirmed - 1 })),
      summaryAttempts: 2,
      summaryRetryDelayMs: 0,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `verify: FAILED: the public summary's confirmed is ${totals.confirmed - 1}, but the log's entries give ${totals.confirmed} (size 500, 2 attempts)\n`,
    );
  });

  it('verifies a mirror of the log that serves no summary, saying the totals were not compared', async () => {
    await writeLogFixture(log.path, ledgerStory(50));
    const site = siteFetch(() => ({}));
    const mirror = (async (input: string | URL | Request) =>
      String(input).endsWith('/api/public/summary')
        ? new Response('no', { status: 404 })
        : site(input)) as typeof fetch;

    const run = await runVerify(['https://mirror.example/log'], { fetch: mirror });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('summary not served');
    expect(run.stderr).toBe('verify: the site serves no /api/public/summary; totals not compared\n');
  });

  it('exits 2 when the site cannot be reached', async () => {
    const run = await runVerify(['https://terang.example'], {
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot fetch https://terang.example/log/key');
  });
});
