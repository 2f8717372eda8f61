import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { handlerEnvironment } from '../../shared/environment.ts';
import { repositoryRoot, startDynamoDbLocal } from './dynamodb-local.ts';
import { createLocalVerifier } from './local-auth.ts';
import { buildWeb, webBuildDirectory, webBuildIsStale } from './web-build.ts';

/**
 * `npm start`: DynamoDB Local (persisted under .data/ unless --memory), the table from the shared
 * definition, demo data for Kota Banjarmasin, and one server on PORT for the site and the API.
 */
const { values } = parseArgs({ options: { memory: { type: 'boolean', default: false } } });
const port = Number(process.env['PORT'] ?? 3000);
const dynamoDbPort = Number(process.env['DYNAMODB_PORT'] ?? 8000);
const tableName = process.env[handlerEnvironment.tableName] ?? 'terang-local';

const database = await startDynamoDbLocal({
  port: dynamoDbPort,
  ...(values.memory ? {} : { dataDirectory: join(repositoryRoot, '.data', 'dynamodb') }),
}).catch((error: unknown) => {
  // Java missing, a taken port: say what to do, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
process.env[handlerEnvironment.dynamodbEndpoint] = database.endpoint;
process.env[handlerEnvironment.tableName] = tableName;
process.env['TERANG_STAGE'] = 'local';
// Local stand-ins for KMS and Secrets Manager (the registry's keys) live beside the data.
process.env[handlerEnvironment.localKeyDirectory] = join(repositoryRoot, '.data', 'local-keys');
// The local stand-in for the evidence bucket (a temporary directory with --memory, like the data).
process.env[handlerEnvironment.localEvidenceDirectory] = values.memory
  ? await mkdtemp(join(tmpdir(), 'terang-evidence-'))
  : join(repositoryRoot, '.data', 'evidence');

// The local stand-in for the public log's bucket, served at /log/.
const logDirectory = values.memory
  ? await mkdtemp(join(tmpdir(), 'terang-log-'))
  : join(repositoryRoot, '.data', 'log');
process.env[handlerEnvironment.localLogDirectory] = logDirectory;

// Imported only now: the handlers' module-scope client reads the endpoint set above.
const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
const { ensureTable } = await import('./create-table.ts');
const { seedDemoData } = await import('./seed.ts');
const { createLocalServer } = await import('./server.ts');

await ensureTable(dynamoDbClient, tableName);
if (await seedDemoData(new DynamoDbStore(documentClient, tableName))) {
  // The same path as POST /api/registry/imports, so the demo registry is sealed like a real one.
  const { registryDependencies } = await import('../../functions/lib/registry-dependencies.ts');
  const { importHouseholds } = await import('../../shared/registry/import-households.ts');
  const { demoRegistryCsv } = await import('./demo-registry.ts');
  const { newId } = await import('../../shared/domain/ids.ts');
  const { report } = await importHouseholds(
    await registryDependencies(),
    { sub: 'seed-officer', roles: ['officer'] },
    [demoRegistryCsv()],
    { importId: newId('imp'), dryRun: false, now: new Date() },
  );
  const { seedDemoMoneyOut } = await import('./seed-money-out.ts');
  await seedDemoMoneyOut(new Date());
  console.log(
    `Seeded demo data (Data contoh) for Kota Banjarmasin, with ${report.accepted} fictional households, ` +
      'approved allocations, payments with evidence and an expense.',
  );
}

if (webBuildIsStale()) {
  console.log('Building the public site (web/) …');
  await buildWeb();
}

// The public log's sequencer: the Lambda handler CDK wires to the table's stream, fed by a poller.
const { startLogPoller } = await import('./log-poller.ts');
const { handler: sequenceLedger } = await import('../../functions/log/sequence-ledger.ts');
const logPoller = startLogPoller({
  dynamoDb: dynamoDbClient,
  documents: documentClient,
  endpoint: database.endpoint,
  tableName,
  handler: sequenceLedger,
});

const server = createLocalServer({
  verifyToken: await createLocalVerifier(),
  staticDirectory: webBuildDirectory,
  logDirectory,
});
server.once('error', async (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE' ? `port ${port} is already in use; choose another with PORT` : error.message,
  );
  await logPoller.stop();
  await database.stop();
  process.exit(1);
});
server.listen(port, () => {
  console.log(`
Terang is running (local mode, ${values.memory ? 'in memory: nothing is kept' : 'data in .data/'})
  Site        http://localhost:${port}/
  API         http://localhost:${port}/api/health
  Public log  http://localhost:${port}/log/checkpoint (check it: npx terang verify http://localhost:${port})
  DynamoDB    ${database.endpoint} (table ${tableName})
  A token     npx terang token --role treasurer
Stop with Ctrl+C.`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await logPoller.stop();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
