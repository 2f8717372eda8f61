/**
 * The local API in a process of its own, on the table named by the environment, so a test can
 * kill it with SIGKILL in the middle of a request (no cleanup, no finally: like a Lambda dying).
 * Prints `listening <port>` once it accepts requests.
 */
import type { AddressInfo } from 'node:net';

const { createLocalServer } = await import('../../infra/local/server.ts');
const { createLocalVerifier } = await import('../../infra/local/local-auth.ts');

const server = createLocalServer({ verifyToken: await createLocalVerifier() });
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
