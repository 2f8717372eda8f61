import type { ApiEvent, ApiResult } from '../../functions/lib/api-types.ts';

/**
 * A Lambda handler that answers with the very event it received. Mounted on the local server as an
 * extra route, it shows a test exactly what the local API Gateway stand-in hands to a function.
 */
export const handler = async (event: ApiEvent): Promise<ApiResult> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(event),
});
