import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface PublicLogFigures {
  readonly sequencedEntries: number;
  readonly streamReadMs: number;
  readonly sequenceMs: number;
  readonly verifiedEntries: number;
  readonly buildLogMs: number;
  readonly verifyMs: number;
  readonly verifyExitCode: number;
  readonly inclusionVerifyMicros: number;
  readonly receiptVerifyMicros: number;
}

/**
 * The public log's three figures, in a child process with its own DynamoDB Local:
 * - the sequencer's integration rate: stream batches of 5,000 (read from DynamoDB Local's stream
 *   beforehand) through the Lambda handler, committed, tiled, signed and published to a directory;
 * - `terang verify` on a log directory of `verifiedEntries` entries, as a separate process;
 * - verifying one inclusion proof, and one whole receipt (signature included), in Node.
 */
export async function measurePublicLog(sequenced: number, verified: number): Promise<PublicLogFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(sequenced), String(verified)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as PublicLogFigures;
}

async function measureSequencer(count: number) {
  const { freePort, startDynamoDbLocal } = await import('../../infra/local/dynamodb-local.ts');
  const { handlerEnvironment } = await import('../../shared/environment.ts');
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const tableName = `bench-${randomUUID()}`;
    process.env[handlerEnvironment.dynamodbEndpoint] = database.endpoint;
    process.env[handlerEnvironment.tableName] = tableName;
    process.env[handlerEnvironment.localKeyDirectory] = await mkdtemp(join(tmpdir(), 'terang-bench-keys-'));
    process.env[handlerEnvironment.localLogDirectory] = await mkdtemp(join(tmpdir(), 'terang-bench-log-'));
    const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
    const { ensureTable } = await import('../../infra/local/create-table.ts');
    const { sampleEntries, writeEntries } = await import('../support/ledger-entries.ts');
    const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
    const streamsModule = await import('@aws-sdk/client-dynamodb-streams');
    const { handler } = await import('../../functions/log/sequence-ledger.ts');
    await ensureTable(dynamoDbClient, tableName);
    await writeEntries(documentClient, tableName, sampleEntries(count), 8);

    const streams = new streamsModule.DynamoDBStreamsClient({
      endpoint: database.endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const readStarted = performance.now();
    const { Table } = await dynamoDbClient.send(new DescribeTableCommand({ TableName: tableName }));
    const { StreamDescription } = await streams.send(
      new streamsModule.DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }),
    );
    const batches: { Records: unknown[] }[] = [];
    for (const shard of StreamDescription!.Shards!) {
      let iterator = (
        await streams.send(
          new streamsModule.GetShardIteratorCommand({
            StreamArn: Table!.LatestStreamArn!,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      // Batches of up to 5,000 records, as the event source mapping (and the local poller) gathers them.
      while (iterator) {
        const page = await streams.send(new streamsModule.GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        if (!page.Records?.length) break;
        const last = batches.at(-1);
        if (last && last.Records.length < 5000) last.Records.push(...page.Records);
        else batches.push({ Records: [...page.Records] });
        iterator = page.NextShardIterator;
      }
    }
    const streamReadMs = performance.now() - readStarted;

    const started = performance.now();
    for (const batch of batches) await handler(batch as Parameters<typeof handler>[0]);
    const sequenceMs = performance.now() - started;
    return { streamReadMs, sequenceMs };
  } finally {
    await database.stop();
  }
}

async function measureVerification(count: number) {
  await import('../../shared/log/node-sha256.ts');
  const { LocalDirectoryLogFiles } = await import('../../shared/log-storage/local-directory-log-files.ts');
  const { publishRange } = await import('../../shared/log/sequencer/publish-range.ts');
  const { emptyEdge } = await import('../../shared/log/edge.ts');
  const { generateSigner } = await import('../../shared/log/note-signer.ts');
  const { publicEntryBytes, toPublicEntry } = await import('../../shared/log/public-entry.ts');
  const { sampleEntries } = await import('../support/ledger-entries.ts');
  const { createTileHashReader } = await import('../../shared/log/tile-hashes.ts');
  const { inclusionProof, verifyInclusion } = await import('../../shared/log/proof.ts');
  const { leafHash } = await import('../../shared/log/hash.ts');
  const { formatTlogProof, verifyTlogProof } = await import('../../shared/log/tlog-proof.ts');
  const { checkpointOfNote } = await import('../../shared/log/checkpoint.ts');

  const directory = await mkdtemp(join(tmpdir(), 'terang-bench-verify-'));
  try {
    const files = new LocalDirectoryLogFiles(directory);
    const signer = generateSigner('terang.bench/banjarmasin');
    const checkpointSigner = { origin: signer.name, vkey: signer.vkey, sign: (body: string) => signer.sign(body) };
    await files.write('key', new TextEncoder().encode(`${signer.vkey}\n`), 'mutable');
    const decoder = new TextDecoder();
    const buildStarted = performance.now();
    let edge = emptyEdge();
    let bundleHead: readonly string[] = [];
    let checkpoint = '';
    const chunk = 50_000;
    for (let start = 0; start < count; start += chunk) {
      const ledger = sampleEntries(Math.min(count, start + chunk)).slice(start);
      const added = ledger.map((entry, i) =>
        decoder.decode(publicEntryBytes(toPublicEntry({ kind: 'entry', entry }, start + i))),
      );
      const published = await publishRange(files, checkpointSigner, { fromEdge: edge, bundleHead, added });
      edge = published.edge;
      bundleHead = published.partialBundle;
      checkpoint = published.checkpoint;
    }
    const buildLogMs = performance.now() - buildStarted;

    const verifyStarted = performance.now();
    const verifyExitCode = await new Promise<number>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../../infra/local/cli.ts', import.meta.url)), 'verify', directory],
        { maxBuffer: 16 * 1024 * 1024 },
        (error) => resolve(error ? Number((error as { code?: number }).code ?? 1) : 0),
      );
    });
    const verifyMs = performance.now() - verifyStarted;

    // One proof, verified many times: the figure is the mean.
    const { size, root } = checkpointOfNote(checkpoint);
    const index = Math.floor(size / 3);
    const readTile = async (path: string) => (await files.read(path))!;
    const proof = await inclusionProof(index, size, createTileHashReader(size, readTile));
    const [entry] = sampleEntries(index + 1).slice(index);
    const bytes = publicEntryBytes(toPublicEntry({ kind: 'entry', entry: entry! }, index));
    const leaf = leafHash(bytes);
    const rounds = 10_000;
    const inclusionStarted = performance.now();
    for (let i = 0; i < rounds; i++) {
      if (!verifyInclusion(index, size, leaf, proof, root)) throw new Error('the bench proof does not verify');
    }
    const inclusionVerifyMicros = ((performance.now() - inclusionStarted) * 1000) / rounds;
    const receipt = formatTlogProof({ index, hashes: proof, checkpoint });
    const receiptRounds = 500;
    const receiptStarted = performance.now();
    for (let i = 0; i < receiptRounds; i++) await verifyTlogProof(receipt, bytes, signer.vkey);
    const receiptVerifyMicros = ((performance.now() - receiptStarted) * 1000) / receiptRounds;
    return { buildLogMs, verifyMs, verifyExitCode, inclusionVerifyMicros, receiptVerifyMicros };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sequencedEntries = Number(process.argv[2]);
  const verifiedEntries = Number(process.argv[3]);
  const sequencer = await measureSequencer(sequencedEntries);
  const verification = await measureVerification(verifiedEntries);
  console.log(JSON.stringify({ sequencedEntries, verifiedEntries, ...sequencer, ...verification }));
}
