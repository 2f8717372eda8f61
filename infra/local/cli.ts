import { parseArgs } from 'node:util';

import { roles, type Role } from '../../shared/domain/caller.ts';
import { parseListClaim } from '../../shared/auth/claims.ts';
import { allocateCommand } from './commands/allocate.ts';
import { importHouseholdsCommand, importHouseholdsUsage } from './commands/import-households.ts';
import { verifyCommand, verifyUsage } from './commands/verify.ts';
import { signLocalToken } from './local-auth.ts';

const usage = `Usage: npx terang <command>

Commands:
  token --role <role>[,<role>…] [--org <orgId>] [--sub <user>] [--expires-in <seconds>]
      Prints a bearer token for the local server (local mode only).
      Roles: ${roles.join(', ')}
${importHouseholdsUsage}
  allocate --households FILE.csv --rules RULES.json [--key HEX] [--city 63.71] [--official FILE.json]
      Recomputes an allocation offline and prints the canonical result (see npx terang allocate --help).
${verifyUsage}`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function token(args: string[]): Promise<void> {
  const stage = process.env['TERANG_STAGE'];
  if ((stage && stage !== 'local') || process.env['AWS_LAMBDA_FUNCTION_NAME']) {
    fail('terang token only works in local mode: on AWS, sign in through the Cognito user pool.');
  }
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const requested = (values.role ?? []).flatMap((role) => parseListClaim(role));
  if (requested.length === 0) fail(`--role is required\n\n${usage}`);
  const unknown = requested.filter((role) => !(roles as readonly string[]).includes(role));
  if (unknown.length > 0) fail(`unknown role ${unknown.join(', ')}; roles are ${roles.join(', ')}`);
  const needsOrg = requested.some((role) => role === 'company' || role === 'baznas');
  if (needsOrg && !values.org) fail('--org <orgId> is required for the company and baznas roles');
  const expires = values['expires-in'] === undefined ? undefined : Number(values['expires-in']);
  if (expires !== undefined && !Number.isInteger(expires)) fail('--expires-in must be a whole number of seconds');
  console.log(
    await signLocalToken({
      roles: requested as Role[],
      sub: values.sub ?? `local-${requested[0]}`,
      ...(values.org ? { orgId: values.org } : {}),
      ...(expires !== undefined ? { expiresInSeconds: expires } : {}),
    }),
  );
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'token':
    await token(rest);
    break;
  case 'import-households':
    process.exitCode = await importHouseholdsCommand(rest);
    break;
  case 'allocate':
    // exitCode, not exit(): stdout may still be draining a large result.
    process.exitCode = await allocateCommand(rest);
    break;
  case 'verify':
    process.exitCode = await verifyCommand(rest);
    break;
  case undefined:
  case '--help':
  case 'help':
    console.log(usage);
    break;
  default:
    fail(`unknown command ${command}\n\n${usage}`);
}
