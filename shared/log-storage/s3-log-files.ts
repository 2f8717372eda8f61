import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';

import type { LogFiles } from '../log/sequencer/ports.ts';
import { publishedSize } from './local-directory-log-files.ts';

const cacheControl = {
  immutable: 'public, max-age=31536000, immutable',
  mutable: 'public, max-age=5, must-revalidate',
} as const;

/** The static log in S3 under `log/`, served by CloudFront at /log/. */
export class S3LogFiles implements LogFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read(path: string): Promise<Uint8Array | undefined> {
    return (await this.readWithTag(path))?.bytes;
  }

  async write(path: string, bytes: Uint8Array, kind: 'immutable' | 'mutable'): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: `log/${path}`,
          Body: bytes,
          CacheControl: cacheControl[kind],
          ContentType:
            path === 'checkpoint' || path === 'key' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
          // A full tile is written once; its bytes follow from committed entries, so one already there is the same.
          ...(kind === 'immutable' ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (error) {
      if (kind === 'immutable' && isStatus(error, 412)) return;
      throw error;
    }
  }

  /** Compare-and-swap on the object's ETag, so a slower sequencer never puts an older tree back. */
  async publishCheckpoint(note: string, size: number): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.readWithTag('checkpoint');
      if (current && publishedSize(current.bytes) > size) return;
      try {
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: 'log/checkpoint',
            Body: new TextEncoder().encode(note),
            CacheControl: 'no-cache',
            ContentType: 'text/plain; charset=utf-8',
            ...(current ? { IfMatch: current.etag } : { IfNoneMatch: '*' }),
          }),
        );
        return;
      } catch (error) {
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
      }
    }
    throw new Error('the checkpoint kept changing while it was being published');
  }

  private async readWithTag(path: string): Promise<{ bytes: Uint8Array; etag: string } | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: `log/${path}` }));
      return { bytes: await object.Body!.transformToByteArray(), etag: object.ETag ?? '' };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === status;
}
