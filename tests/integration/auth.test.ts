import type { AddressInfo } from 'node:net';

import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { routes, type RouteDefinition } from '../../functions/routes.ts';
import { lambdaContext } from '../../infra/local/api-gateway-event.ts';
import { createLocalVerifier, localAudience, localIssuer } from '../../infra/local/local-auth.ts';
import { apiGatewayEvent } from '../support/api-gateway-event.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { declaration, declare, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let pledgeableYear: number;
let declaredId: string;
/** Roles that would pass every write route, so only the token itself can be the reason for a 401. */
const powerfulRoles = ['admin', 'treasurer', 'company'] as const;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  companyId = await registerOrganisation(api, 'company');
  declaredId = await declare(api, companyId, 'company');
  pledgeableYear = new Date().getUTCFullYear();
});

afterAll(async () => {
  await api.close();
});

const confirmRoute = routes.find((route) => route.name === 'ConfirmContribution') as RouteDefinition;

/** Each authenticated route with a body it would accept from a powerful enough caller. */
const writeRoutes = [
  {
    name: 'POST /api/organisations',
    path: () => '/api/organisations',
    body: () => ({ name: 'PT Auth', kind: 'company' }),
  },
  {
    name: 'POST /api/pledges',
    path: () => '/api/pledges',
    body: () => ({ orgId: companyId, amount: 1_000_000, fiscalYear: pledgeableYear }),
  },
  { name: 'POST /api/contributions', path: () => '/api/contributions', body: () => declaration(companyId, 'company') },
  {
    name: 'POST /api/contributions/{id}/confirm',
    path: () => `/api/contributions/${declaredId}/confirm`,
    body: () => ({}),
  },
];

async function foreignKeyToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ 'cognito:groups': [...powerfulRoles], 'custom:orgId': companyId, token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject('intruder')
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

function unsignedToken(): string {
  return new UnsecuredJWT({ 'cognito:groups': [...powerfulRoles], 'custom:orgId': companyId })
    .setSubject('intruder')
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .encode();
}

/** Ways to be unauthenticated, each giving the Authorization header to send (or none). */
const badCredentials: readonly [string, () => Promise<string | undefined>][] = [
  ['no token', async () => undefined],
  ['a garbage token', async () => 'Bearer not-a-jwt'],
  ['a token signed by another key', async () => `Bearer ${await foreignKeyToken()}`],
  [
    'an expired token',
    async () => `Bearer ${await api.token([...powerfulRoles], { orgId: companyId, expiresInSeconds: -60 })}`,
  ],
  ['an unsigned (alg none) token', async () => `Bearer ${unsignedToken()}`],
  ['a valid token sent without the Bearer scheme', async () => api.token([...powerfulRoles], { orgId: companyId })],
];

describe('authenticated routes refuse callers without a valid token', () => {
  const cases = writeRoutes.flatMap((route) => badCredentials.map(([label, header]) => ({ route, label, header })));

  it.each(cases)('$route.name answers 401 to $label and writes nothing', async ({ route, header }) => {
    // Prepare
    const authorization = await header();
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', route.path(), {
      body: route.body(),
      ...(authorization ? { headers: { authorization } } : {}),
    });
    // Assess
    expectProblem(response, 401, { code: 'unauthorized' });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await table.snapshot()).toEqual(before);
  });

  it('accepts the same kind of request with a valid token, so the 401s are about the token alone', async () => {
    const response = await api.call('POST', '/api/organisations', {
      token: await api.token([...powerfulRoles], { orgId: companyId }),
      body: { name: 'PT Auth OK', kind: 'company' },
    });

    expect(response.status).toBe(201);
  });
});

describe('public routes need no token', () => {
  it.each(['/api/health', '/api/public/summary', '/api/public/organisations', '/api/public/kecamatan'])(
    'GET %s answers 200 without a token',
    async (path) => {
      const response = await api.call('GET', path);

      expect(response.status).toBe(200);
    },
  );

  it('ignores a garbage token on a public route', async () => {
    const response = await api.call('GET', '/api/public/summary', { headers: { authorization: 'Bearer not-a-jwt' } });

    expect(response.status).toBe(200);
  });
});

describe('a token with several groups', () => {
  it('lets a user who is officer and treasurer confirm', async () => {
    // Prepare
    const id = await declare(api, companyId, 'company');
    // Act
    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token(['officer', 'treasurer']),
    });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, status: 'confirmed' });
  });

  it('forbids a user who is officer and approver to confirm', async () => {
    const id = await declare(api, companyId, 'company');

    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token(['officer', 'approver']),
    });

    expectProblem(response, 403, { code: 'forbidden_role' });
  });

  it('reaches the function as the bracketed string "[officer treasurer]", as API Gateway sends it', async () => {
    // Prepare: the local server with one extra route whose function echoes its event.
    const { createLocalServer } = await import('../../infra/local/server.ts');
    const echo: RouteDefinition = {
      name: 'Echo',
      method: 'POST',
      path: '/api/echo/{id}',
      entry: '../tests/support/echo-event-handler.ts',
      auth: 'jwt',
      tableAccess: 'read',
    };
    const server = createLocalServer({ verifyToken: await createLocalVerifier(), routes: [echo] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const token = await api.token(['officer', 'treasurer'], { sub: 'u1', orgId: companyId });
    try {
      // Act
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/echo/abc`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const event = (await response.json()) as {
        requestContext: { authorizer: { jwt: { claims: Record<string, unknown> } } };
        pathParameters: unknown;
      };
      // Assess
      const claims = event.requestContext.authorizer.jwt.claims;
      expect(claims['cognito:groups']).toBe('[officer treasurer]');
      expect(claims).toMatchObject({ sub: 'u1', 'custom:orgId': companyId, exp: expect.stringMatching(/^\d+$/u) });
      expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
      expect(event.pathParameters).toEqual({ id: 'abc' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('lets the confirm function, called directly, parse "[officer treasurer]" into the treasurer role', async () => {
    // Prepare
    const id = await declare(api, companyId, 'company');
    const { handler } = await import('../../functions/contributions/confirm.ts');
    const event = apiGatewayEvent({
      route: confirmRoute,
      rawPath: `/api/contributions/${id}/confirm`,
      pathParameters: { id },
      claims: { sub: 'u1', 'cognito:groups': '[officer treasurer]' },
    });
    // Act
    const result = await handler(event, lambdaContext(confirmRoute));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toMatchObject({ id, status: 'confirmed' });
  });

  it('has the confirm function, called directly, forbid "[officer approver]"', async () => {
    const id = await declare(api, companyId, 'company');
    const { handler } = await import('../../functions/contributions/confirm.ts');
    const event = apiGatewayEvent({
      route: confirmRoute,
      rawPath: `/api/contributions/${id}/confirm`,
      pathParameters: { id },
      claims: { sub: 'u1', 'cognito:groups': '[officer approver]' },
    });

    const result = await handler(event, lambdaContext(confirmRoute));

    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body as string).error.code).toBe('forbidden_role');
  });

  it('has a function called directly without authorizer claims answer 401', async () => {
    const { handler } = await import('../../functions/contributions/confirm.ts');
    const event = apiGatewayEvent({
      route: confirmRoute,
      rawPath: `/api/contributions/${declaredId}/confirm`,
      pathParameters: { id: declaredId },
    });

    const result = await handler(event, lambdaContext(confirmRoute));

    expect(result.statusCode).toBe(401);
  });
});
