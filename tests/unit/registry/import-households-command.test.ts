import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importHouseholdsCommand, type CommandStreams } from '../../../infra/local/commands/import-households.ts';
import { csvFile, householdValues, rowLine } from './registry-csv-fixtures.ts';

function capture(isTTY = false): CommandStreams & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text), isTTY },
    out: () => out,
    err: () => err,
  };
}

let directory: string;
let validFile: string;
let faultyFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'terang-import-command-'));
  validFile = join(directory, 'valid.csv');
  faultyFile = join(directory, 'faulty.csv');
  await writeFile(validFile, csvFile(rowLine(householdValues(1)), rowLine(householdValues(2))));
  await writeFile(faultyFile, csvFile(rowLine(householdValues(1)), rowLine(householdValues(2, { desil: '0' }))));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('npx terang import-households', () => {
  it('prints the report as JSON on stdout and exits 0 when every row is valid', async () => {
    // Prepare
    const streams = capture();
    // Act
    const code = await importHouseholdsCommand([validFile, '--dry-run'], streams);
    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(streams.out())).toEqual({ accepted: 2, rejected: 0, errors: [] });
  });

  it('exits 1 when a row was rejected', async () => {
    // Prepare
    const streams = capture();
    // Act
    const code = await importHouseholdsCommand([faultyFile, '--dry-run'], streams);
    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(streams.out())).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('exits 2 with a clear message when asked to commit while no local instance runs', async () => {
    // Prepare: port 1 never answers, so the command must say how to start the instance.
    process.env['DYNAMODB_PORT'] = '1';
    const streams = capture();
    // Act
    const code = await importHouseholdsCommand([validFile], streams);
    // Assess
    expect(code).toBe(2);
    expect(streams.err()).toContain('start it with npm start');
    expect(streams.out()).toBe('');
  }, 30_000);

  it.each([
    ['no file', ['--dry-run']],
    ['two files', ['a.csv', 'b.csv', '--dry-run']],
    ['an unknown option', ['--dry-run', '--force', 'a.csv']],
    ['a file that does not exist', ['/nonexistent/households.csv', '--dry-run']],
    ['a malformed city', ['--dry-run', '--city', 'Banjarmasin', 'a.csv']],
  ])('exits 2 for %s', async (_label, args) => {
    const code = await importHouseholdsCommand(args, capture());

    expect(code).toBe(2);
  });

  it('writes plain progress lines, not a redrawn bar, when stderr is not a terminal', async () => {
    // Prepare
    const streams = capture(false);
    // Act
    await importHouseholdsCommand([validFile, '--dry-run'], streams);
    // Assess
    // A slow machine may print an extra line on the way; every line is plain and the last says 100%.
    expect(streams.err()).toMatch(
      /^(import-households: [^\r\n]*\n)*import-households: 100% .* 2 rows, \d+ rows\/s\n$/u,
    );
  });

  it('draws a progress bar in place when stderr is a terminal', async () => {
    // Prepare
    const streams = capture(true);
    // Act
    await importHouseholdsCommand([validFile, '--dry-run'], streams);
    // Assess
    const lastDrawing = streams.err().split('\r').at(-1);
    expect(streams.err().startsWith('\r')).toBe(true);
    expect(lastDrawing).toMatch(/^\[#{30}\] 100% .* rows\/s/u);
    expect(lastDrawing?.endsWith('\u001b[K\n')).toBe(true);
  });
});
