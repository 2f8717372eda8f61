import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ApiHandler, ApiResult } from '../../functions/lib/api-types.ts';
import { routes as allRoutes, type RouteDefinition } from '../../functions/routes.ts';
import { toAuthorizerClaimValue } from '../../shared/auth/claims.ts';
import { lambdaContext, routeMatcher, toApiGatewayEvent } from './api-gateway-event.ts';
import { repositoryRoot } from './dynamodb-local.ts';
import type { TokenVerifier } from './local-auth.ts';

/** API Gateway HTTP APIs accept payloads up to 10 MB; the handlers enforce their own, smaller limit. */
const gatewayPayloadLimit = 10 * 1024 * 1024;

export interface LocalServerOptions {
  readonly verifyToken: TokenVerifier;
  /** Directory of the built site (web/build); omitted in API-only tests. */
  readonly staticDirectory?: string;
  /** The public log's directory, served at /log/ as CloudFront serves the log bucket on AWS. */
  readonly logDirectory?: string;
  readonly routes?: readonly RouteDefinition[];
}

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly match: (path: string) => Record<string, string> | undefined;
}

const handlerCache = new Map<string, Promise<ApiHandler>>();

/** Imports the very module CDK bundles for this route and returns its `handler`. */
function loadHandler(route: RouteDefinition): Promise<ApiHandler> {
  let handler = handlerCache.get(route.entry);
  if (!handler) {
    const url = pathToFileURL(join(repositoryRoot, 'functions', route.entry)).href;
    handler = import(url).then((module: { handler: ApiHandler }) => module.handler);
    handlerCache.set(route.entry, handler);
  }
  return handler;
}

function sendJson(
  response: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  statusCode: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  sendJson(response, statusCode, { error: { code, message, issues: [] } }, headers);
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > gatewayPayloadLimit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The JWT authorizer's job: verify the bearer token and hand the claims on as strings, array
 * claims as `[a b]`, exactly as API Gateway passes them to Lambda.
 */
async function authorise(
  request: IncomingMessage,
  verifyToken: TokenVerifier,
): Promise<Record<string, string> | undefined> {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/iu.exec(header);
  if (!match?.[1]) return undefined;
  try {
    const payload = await verifyToken(match[1]);
    return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, toAuthorizerClaimValue(value)]));
  } catch {
    return undefined;
  }
}

function writeResult(response: ServerResponse, result: ApiResult | string | undefined): void {
  // Payload format 2.0: a bare value (no statusCode) is a 200 JSON body.
  if (result === undefined || typeof result === 'string' || typeof result.statusCode !== 'number') {
    sendJson(response, 200, result ?? null);
    return;
  }
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode, headers);
  response.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function serveStatic(directory: string, pathname: string, response: ServerResponse): void {
  const root = resolve(directory);
  const decoded = decodeURIComponent(pathname);
  const candidates = [decoded, `${decoded}.html`, join(decoded, 'index.html')].map((path) =>
    normalize(join(root, path)),
  );
  const file = candidates.find((path) => path.startsWith(root) && existsSync(path) && statSync(path).isFile());
  if (!file) {
    const notFoundPage = join(root, '404.html');
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    if (existsSync(notFoundPage)) createReadStream(notFoundPage).pipe(response);
    else response.end('<!doctype html><title>404</title><p>Halaman tidak ditemukan / Page not found</p>');
    return;
  }
  const immutable = file.includes(`${join('_app', 'immutable')}`);
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

/** Full tiles never change; the checkpoint, the key and partial tiles do. */
function serveLog(directory: string, pathname: string, response: ServerResponse): void {
  const root = resolve(directory);
  const file = normalize(join(root, decodeURIComponent(pathname.slice('/log/'.length))));
  const headers = { 'access-control-allow-origin': '*' };
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
    return;
  }
  const textual = file.endsWith(`${sep}checkpoint`) || file.endsWith(`${sep}key`);
  const partial = /\.p[\\/]\d+$/.test(file);
  response.writeHead(200, {
    ...headers,
    'content-type': textual ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    'cache-control': textual || partial ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(response);
}

async function handleApi(
  compiled: readonly CompiledRoute[],
  options: LocalServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const method = request.method ?? 'GET';
  let found: { route: RouteDefinition; pathParameters: Record<string, string> } | undefined;
  for (const { route, match } of compiled) {
    const pathParameters = route.method === method ? match(url.pathname) : undefined;
    if (pathParameters) {
      found = { route, pathParameters };
      break;
    }
  }
  if (!found) return sendError(response, 404, 'route_not_found', `no route for ${method} ${url.pathname}`);

  const body = await readBody(request);
  if (!body) return sendError(response, 413, 'payload_too_large', 'request body exceeds the gateway limit');

  let claims: Record<string, string> | undefined;
  if (found.route.auth === 'jwt') {
    claims = await authorise(request, options.verifyToken);
    if (!claims) {
      return sendError(response, 401, 'unauthorized', 'a valid bearer token is required', {
        'www-authenticate': 'Bearer',
      });
    }
  }
  const event = toApiGatewayEvent({
    request,
    url,
    route: found.route,
    pathParameters: found.pathParameters,
    body,
    ...(claims ? { claims } : {}),
  });
  const handler = await loadHandler(found.route);
  writeResult(response, await handler(event, lambdaContext(found.route)));
}

/** One HTTP server for the API (through the real Lambda handlers) and the built public site. */
export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = (options.routes ?? allRoutes).map((route) => ({ route, match: routeMatcher(route.path) }));
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const work = url.pathname.startsWith('/api/')
      ? handleApi(compiled, options, request, response, url)
      : options.logDirectory && url.pathname.startsWith('/log/')
        ? Promise.resolve(serveLog(options.logDirectory, url.pathname, response))
        : Promise.resolve(
            options.staticDirectory
              ? serveStatic(options.staticDirectory, url.pathname, response)
              : sendError(response, 404, 'not_found', 'not found'),
          );
    work.catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) sendError(response, 502, 'bad_gateway', 'the function failed; see the server log');
      else response.end();
    });
  });
}
