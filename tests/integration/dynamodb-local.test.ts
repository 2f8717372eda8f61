import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  assertJavaAvailable,
  dynamoDbLocalPackage,
  ensureDynamoDbLocal,
  JavaMissingError,
  repositoryRoot,
} from '../../infra/local/dynamodb-local.ts';

describe('assertJavaAvailable', () => {
  let originalPath: string | undefined;
  let emptyDirectory: string;

  beforeEach(async () => {
    originalPath = process.env['PATH'];
    emptyDirectory = await mkdtemp(join(tmpdir(), 'terang-no-java-'));
  });

  afterEach(async () => {
    process.env['PATH'] = originalPath;
    await rm(emptyDirectory, { recursive: true, force: true });
  });

  it('throws JavaMissingError naming the Debian package when java is not on PATH', () => {
    // Prepare
    process.env['PATH'] = emptyDirectory;
    // Act
    const attempt = () => assertJavaAvailable();
    // Assess
    expect(attempt).toThrow(JavaMissingError);
    expect(attempt).toThrow(/openjdk-17-jre-headless/u);
  });

  it('passes when java is on PATH', () => {
    expect(() => assertJavaAvailable()).not.toThrow();
  });
});

describe('ensureDynamoDbLocal', () => {
  it('pins amplify-dynamodb-simulator 2.9.30 by the SHA-256 of its tarball', () => {
    expect(dynamoDbLocalPackage).toEqual({
      name: 'amplify-dynamodb-simulator',
      version: '2.9.30',
      tarballSha256: '3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9',
    });
  });

  it('returns the directory of the pinned version holding DynamoDBLocal.jar and its native libraries', async () => {
    // Act
    const directory = await ensureDynamoDbLocal();
    // Assess
    expect(directory.startsWith(join(repositoryRoot, '.cache'))).toBe(true);
    expect(directory.split(sep)).toContain(dynamoDbLocalPackage.version);
    expect(existsSync(join(directory, 'DynamoDBLocal.jar'))).toBe(true);
    expect(existsSync(join(directory, 'DynamoDBLocal_lib'))).toBe(true);
  });
});
