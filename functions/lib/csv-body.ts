import { badRequest, problem } from '../../shared/domain/errors.ts';
import type { ApiEvent } from './api-types.ts';

/** API Gateway HTTP APIs take at most 10 MB; larger registries go through `terang import-households`. */
export const maxCsvBytes = 10 * 1024 * 1024;

/** The raw bytes of a CSV upload, so the importer can tell UTF-8 (with or without BOM) from ANSI. */
export function readCsvBody(event: ApiEvent): Uint8Array {
  const contentType = event.headers['content-type'] ?? '';
  if (
    !/^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\b/iu.test(
      contentType,
    )
  ) {
    throw problem(415, 'unsupported_media_type', 'send the registry as text/csv', [
      { path: 'Content-Type', message: 'must be text/csv' },
    ]);
  }
  const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (bytes.length > maxCsvBytes) {
    throw problem(413, 'payload_too_large', `the CSV exceeds ${maxCsvBytes} bytes; use npx terang import-households`, [
      { path: '(body)', message: `exceeds ${maxCsvBytes} bytes` },
    ]);
  }
  if (bytes.length === 0)
    throw badRequest('missing_body', 'the registry CSV is missing', [{ path: '(body)', message: 'is missing' }]);
  return bytes;
}
