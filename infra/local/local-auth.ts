import { join } from 'node:path';

import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

import type { Role } from '../../shared/domain/caller.ts';
import { readOrCreateOnce } from '../../shared/keys/create-once.ts';
import { repositoryRoot } from './dynamodb-local.ts';

/**
 * Local stand-in for Cognito: an ES256 key pair in .data/, used by `terang token` to sign and by
 * the dev server to verify. Tokens carry the same claims Cognito puts in an ID token.
 */
export const localIssuer = 'https://terang.local/auth';
export const localAudience = 'terang-local';
const keyFile = join(repositoryRoot, '.data', 'local-auth', 'signing-key.json');

interface StoredKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

async function loadOrCreateKey(): Promise<StoredKey> {
  const content = await readOrCreateOnce(keyFile, async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const stored: StoredKey = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    return JSON.stringify(stored);
  });
  return JSON.parse(content) as StoredKey;
}

export interface LocalTokenRequest {
  readonly roles: readonly Role[];
  readonly sub: string;
  readonly orgId?: string;
  /** Seconds until expiry; negative values mint an already-expired token (for tests). */
  readonly expiresInSeconds?: number;
}

export async function signLocalToken(request: LocalTokenRequest): Promise<string> {
  const { privateJwk } = await loadOrCreateKey();
  const key = await importJWK(privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    'cognito:groups': [...request.roles],
    token_use: 'id',
    ...(request.orgId ? { 'custom:orgId': request.orgId } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresInSeconds ?? 12 * 60 * 60))
    .sign(key);
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export async function createLocalVerifier(): Promise<TokenVerifier> {
  const { publicJwk } = await loadOrCreateKey();
  const key = await importJWK(publicJwk, 'ES256');
  return async (token) => {
    const { payload } = await jwtVerify(token, key, {
      issuer: localIssuer,
      audience: localAudience,
      algorithms: ['ES256'],
    });
    return payload;
  };
}
