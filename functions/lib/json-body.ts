import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';

import { badRequest, problem } from '../../shared/domain/errors.ts';
import { summarise, toIssues } from '../../shared/api/issues.ts';

/** Bodies above 64 KB are refused before parsing; no Terang request needs more. */
export const maxBodyBytes = 64 * 1024;

function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Reads the JSON body and validates it against a zod/mini schema. Every failure is a 4xx naming the
 * field; nothing is parsed leniently (no coercion of "1000" to 1000, no dropping unknown fields).
 */
export function parseJsonBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>, allowEmpty: boolean): T {
  const text = rawBody(event);
  if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) {
    throw problem(413, 'payload_too_large', `request body exceeds ${maxBodyBytes} bytes`, [
      { path: '(body)', message: `exceeds ${maxBodyBytes} bytes` },
    ]);
  }
  const contentType = event.headers['content-type'];
  if (text.trim() !== '' && contentType && !/\bjson\b/iu.test(contentType)) {
    throw problem(415, 'unsupported_media_type', 'send the body as application/json', [
      { path: 'Content-Type', message: 'must be application/json' },
    ]);
  }
  let json: unknown;
  if (text.trim() === '') {
    if (!allowEmpty)
      throw badRequest('missing_body', 'a JSON body is required', [{ path: '(body)', message: 'is missing' }]);
    json = {};
  } else {
    try {
      json = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unparsable';
      throw badRequest('invalid_json', `body is not valid JSON: ${reason}`, [
        { path: '(body)', message: 'is not valid JSON' },
      ]);
    }
  }
  const result = z.safeParse(schema, json);
  if (!result.success) {
    const issues = toIssues(result.error.issues);
    throw badRequest('validation_failed', summarise(issues), issues);
  }
  return result.data;
}
