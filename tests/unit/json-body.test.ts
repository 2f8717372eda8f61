import { describe, expect, it } from 'vitest';

import { maxBodyBytes, parseJsonBody } from '../../functions/lib/json-body.ts';
import { createOrganisationBody, emptyBody } from '../../shared/api/schemas.ts';
import { isProblem } from '../../shared/domain/errors.ts';
import type { ApiEvent } from '../../functions/lib/api-types.ts';

function event(
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  isBase64Encoded = false,
) {
  return { headers, isBase64Encoded, ...(body !== undefined ? { body } : {}) } as unknown as ApiEvent;
}

/** The problem a call throws, as `{ status, code, paths }`. */
function problemOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isProblem(error))
      return { status: error.statusCode, code: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
  throw new Error('expected a problem, but the call succeeded');
}

const organisation = JSON.stringify({ name: 'PT Uji', kind: 'company' });

describe('parseJsonBody', () => {
  it('returns the validated body', () => {
    // Act
    const body = parseJsonBody(event(organisation), createOrganisationBody, false);
    // Assess
    expect(body).toEqual({ name: 'PT Uji', kind: 'company' });
  });

  it('decodes a base64 body, as API Gateway sends binary content types', () => {
    const body = parseJsonBody(
      event(Buffer.from(organisation).toString('base64'), {}, true),
      createOrganisationBody,
      false,
    );

    expect(body).toEqual({ name: 'PT Uji', kind: 'company' });
  });

  it.each(['application/json; charset=utf-8', 'application/vnd.api+json', 'APPLICATION/JSON'])(
    'accepts the content type %s',
    (contentType) => {
      expect(
        parseJsonBody(event(organisation, { 'content-type': contentType }), createOrganisationBody, false),
      ).toMatchObject({ kind: 'company' });
    },
  );

  it('accepts a JSON body without a content type', () => {
    expect(parseJsonBody(event(organisation, {}), createOrganisationBody, false)).toMatchObject({ kind: 'company' });
  });

  it('refuses a body above 64 KB with 413 before parsing it', () => {
    // Prepare
    const tooBig = `{"name":"${'x'.repeat(maxBodyBytes)}"}`;
    // Act
    const problem = problemOf(() => parseJsonBody(event(tooBig), createOrganisationBody, false));
    // Assess
    expect(problem).toEqual({ status: 413, code: 'payload_too_large', paths: ['(body)'] });
  });

  it('counts the 64 KB limit in UTF-8 bytes, not characters', () => {
    const multiByte = JSON.stringify({ name: 'é'.repeat(maxBodyBytes / 2 + 1), kind: 'company' });

    expect(problemOf(() => parseJsonBody(event(multiByte), createOrganisationBody, false)).status).toBe(413);
  });

  it('refuses a body of another media type with 415 naming Content-Type', () => {
    const problem = problemOf(() =>
      parseJsonBody(event(organisation, { 'content-type': 'text/plain' }), createOrganisationBody, false),
    );

    expect(problem).toEqual({ status: 415, code: 'unsupported_media_type', paths: ['Content-Type'] });
  });

  it('refuses malformed JSON with 400 invalid_json', () => {
    expect(problemOf(() => parseJsonBody(event('{"name":'), createOrganisationBody, false))).toEqual({
      status: 400,
      code: 'invalid_json',
      paths: ['(body)'],
    });
  });

  it('refuses a missing body with 400 when the route needs one', () => {
    expect(problemOf(() => parseJsonBody(event(undefined), createOrganisationBody, false))).toEqual({
      status: 400,
      code: 'missing_body',
      paths: ['(body)'],
    });
  });

  it('reads a missing body as {} when the route takes no fields', () => {
    expect(parseJsonBody(event(undefined), emptyBody, true)).toEqual({});
  });

  it('refuses a failing schema with 400 validation_failed naming each field', () => {
    const problem = problemOf(() =>
      parseJsonBody(event(JSON.stringify({ kind: 'yayasan', extra: 1 })), createOrganisationBody, false),
    );

    expect(problem).toEqual({
      status: 400,
      code: 'validation_failed',
      paths: expect.arrayContaining(['name', 'kind', 'extra']),
    });
  });
});
