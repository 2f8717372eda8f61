import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The official DynamoDB Local jar, as shipped inside the npm package amplify-dynamodb-simulator.
 * Pinned by version and by the SHA-256 of the package tarball, so a changed upload is refused.
 */
export const dynamoDbLocalPackage = {
  name: 'amplify-dynamodb-simulator',
  version: '2.9.30',
  tarballSha256: '3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9',
} as const;

export const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const cacheRoot = join(repositoryRoot, '.cache', 'dynamodb-local', dynamoDbLocalPackage.version);

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n' +
        'Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Downloads (once) and returns the directory holding DynamoDBLocal.jar and DynamoDBLocal_lib/. */
export async function ensureDynamoDbLocal(log: (line: string) => void = () => {}): Promise<string> {
  const jarDirectory = join(cacheRoot, 'emulator');
  if (existsSync(join(jarDirectory, 'DynamoDBLocal.jar'))) return jarDirectory;

  log(`Fetching DynamoDB Local (${dynamoDbLocalPackage.name}@${dynamoDbLocalPackage.version}, ~56 MB) into .cache/ …`);
  await mkdir(join(repositoryRoot, '.cache'), { recursive: true });
  const workDirectory = await mkdtemp(join(tmpdir(), 'terang-ddb-'));
  try {
    const spec = `${dynamoDbLocalPackage.name}@${dynamoDbLocalPackage.version}`;
    await run('npm', ['pack', spec, '--pack-destination', workDirectory, '--silent'], { maxBuffer: 16 * 1024 * 1024 });
    const tarball = (await readdir(workDirectory)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
    const digest = await sha256OfFile(join(workDirectory, tarball));
    if (digest !== dynamoDbLocalPackage.tarballSha256) {
      throw new Error(`checksum mismatch for ${spec}: expected ${dynamoDbLocalPackage.tarballSha256}, got ${digest}`);
    }
    await run('tar', ['-xzf', join(workDirectory, tarball), '-C', workDirectory, 'package/emulator']);
    await mkdir(cacheRoot, { recursive: true });
    // Another process may have finished first; the rename then fails and its copy is used.
    await rename(join(workDirectory, 'package', 'emulator'), jarDirectory).catch(() => undefined);
    if (!existsSync(join(jarDirectory, 'DynamoDBLocal.jar')))
      throw new Error('DynamoDB Local jar missing after extraction');
    return jarDirectory;
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Fails early and clearly when the port is taken (a second `npm start`, another DynamoDB Local). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new Error(`port ${port} is already in use; stop what uses it or choose another with DYNAMODB_PORT`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort()));
  });
}

export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Directory for the database files; omit to keep everything in memory. */
  readonly dataDirectory?: string;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

async function waitUntilListening(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
    try {
      // Any HTTP answer, even an error about a missing target, means the server is up.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
  throw new Error(`DynamoDB Local did not start within 60 s:\n${output()}`);
}

/** Starts DynamoDB Local with -sharedDb, so every client sees the same tables whatever its credentials. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  assertJavaAvailable();
  await assertPortFree(options.port);
  const jarDirectory = await ensureDynamoDbLocal((line) => console.log(line));
  const storage = options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory'];
  if (options.dataDirectory) await mkdir(options.dataDirectory, { recursive: true });
  const child = spawn(
    'java',
    [
      '-Xms64m',
      `-Djava.library.path=${join(jarDirectory, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDirectory, 'DynamoDBLocal.jar'),
      '-port',
      String(options.port),
      '-sharedDb',
      ...storage,
    ],
    { cwd: jarDirectory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilListening(endpoint, child, () => output);
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
