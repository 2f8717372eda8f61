import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Runs tests/interop/go/tlog-interop.go, a small Go program built on Go's reference packages
 * golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, as Debian packages them: GOPATH mode,
 * no module download, no network.
 */

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const gopath = '/usr/share/gocode';
const sumdb = `${gopath}/src/golang.org/x/mod/sumdb`;
const source = join(repo, 'tests/interop/go/tlog-interop.go');

export const debianPackages = ['golang-go', 'golang-golang-x-mod-dev'];

const goEnv = {
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: gopath,
  GOFLAGS: '',
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
  GOCACHE: join(repo, '.cache/go-build'),
};

function missingGo(what: string): Error {
  return new Error(
    `${what}: the Go interoperability tests need the Debian packages ${debianPackages.join(' and ')} ` +
      `(apt-get install ${debianPackages.join(' ')}); .ci/run installs them.`,
  );
}

export interface GoInterop {
  /** Runs the program with the arguments given and returns its standard output. */
  run(...args: string[]): Promise<string>;
  /** Removes the compiled program. */
  close(): Promise<void>;
}

/** Compiles the Go program once; fails (never skips) when Go or the sumdb packages are missing. */
export async function buildGoInterop(): Promise<GoInterop> {
  try {
    await run('go', ['version'], { env: goEnv });
  } catch (error) {
    throw missingGo(`cannot run \`go version\` (${(error as Error).message.split('\n')[0]})`);
  }
  for (const pkg of ['note', 'tlog']) {
    if (!existsSync(join(sumdb, pkg))) throw missingGo(`${join(sumdb, pkg)} does not exist`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'tlog-interop-'));
  const binary = join(dir, 'tlog-interop');
  try {
    await run('go', ['build', '-o', binary, source], { env: goEnv, cwd: repo });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`go build ${source} failed:\n${stderr ?? (error as Error).message}`, { cause: error });
  }
  return {
    async run(...args: string[]): Promise<string> {
      try {
        const { stdout } = await run(binary, args, { maxBuffer: 256 * 1024 * 1024 });
        return stdout;
      } catch (error) {
        const { stderr } = error as { stderr?: string };
        throw new Error(`tlog-interop ${args[0]} failed:\n${stderr ?? (error as Error).message}`, { cause: error });
      }
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A fresh temporary directory. */
export function temporaryDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tlog-interop-data-'));
}

export async function writeLogFile(root: string, path: string, bytes: Uint8Array | string): Promise<void> {
  const file = join(root, ...path.split('/'));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

/**
 * Reads hash tiles from a C2SP log directory. When the exact partial tile `.p/<W>` was never
 * published (a tree size between two checkpoints), it reads the first W hashes of a wider tile of
 * the same level and index, as C2SP tlog-tiles allows clients to do.
 */
export function tileFileReader(root: string): (path: string) => Promise<Uint8Array> {
  const files = new Map<string, Promise<Uint8Array | undefined>>();
  const file = (path: string) => {
    let pending = files.get(path);
    if (!pending) {
      pending = readFile(join(root, ...path.split('/'))).then(
        (bytes) => new Uint8Array(bytes),
        () => undefined,
      );
      files.set(path, pending);
    }
    return pending;
  };
  return async (path: string) => {
    const exact = await file(path);
    if (exact) return exact;
    const partial = /^(.*)\.p\/(\d+)$/.exec(path);
    if (!partial) throw new Error(`no tile ${path}`);
    const [, base = '', widthText = ''] = partial;
    const width = Number(widthText);
    for (let wider = width + 1; wider <= 256; wider++) {
      const bytes = await file(wider === 256 ? base : `${base}.p/${wider}`);
      if (bytes) return bytes.subarray(0, width * 32);
    }
    throw new Error(`no tile ${path}, nor any wider one`);
  };
}

/** A deterministic pseudo-random generator (mulberry32), so every run checks the same vectors. */
export function pseudoRandom(seed: number): { int(below: number): number; bytes(length: number): Uint8Array } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    int: (below) => Math.floor(next() * below),
    bytes: (length) => {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
      return bytes;
    },
  };
}

/** Tree sizes at tile and power-of-two boundaries, up to `max` (the same list the Go program uses). */
export function interestingSizes(max: number): number[] {
  const candidates = [
    1,
    2,
    3,
    4,
    5,
    7,
    8,
    9,
    15,
    16,
    17,
    31,
    32,
    33,
    100,
    255,
    256,
    257,
    300,
    511,
    512,
    513,
    767,
    768,
    1000,
    1023,
    1024,
    1025,
    4095,
    4096,
    4097,
    65535,
    65536,
    65537,
    65792,
    65793,
    max - 1,
    max,
  ];
  return [...new Set(candidates.filter((size) => size >= 1 && size <= max))].sort((a, b) => a - b);
}
