import { uploadEvidence } from '../../shared/disbursements/upload-evidence.ts';
import { evidenceStoreFromEnvironment } from '../../shared/evidence/evidence-store-from-environment.ts';
import { json } from '../lib/api-types.ts';
import { requireCaller } from '../lib/private-handlers.ts';
import { bodyBytes, disbursements } from '../lib/disbursements.ts';
import { withHttpErrors } from '../lib/http-middleware.ts';
import { idempotentWrites } from '../lib/idempotency.ts';

const evidence = evidenceStoreFromEnvironment();

/** POST /api/evidence: the raw bytes of a receipt, slip or handover record (PDF, JPEG, PNG, WebP). */
export const handler = withHttpErrors(async (event) => {
  const { record, created } = await uploadEvidence(
    { evidence, disbursements },
    requireCaller(event),
    { bytes: bodyBytes(event), contentType: event.headers['content-type'] },
    new Date(),
  );
  return json(created ? 201 : 200, { sha256: record.sha256, size: record.size, contentType: record.contentType });
}, idempotentWrites('UploadEvidence'));
