/** Environment variable names the handlers read; CDK and the local server set them. */
export const handlerEnvironment = {
  tableName: 'TERANG_TABLE_NAME',
  dynamodbEndpoint: 'TERANG_DYNAMODB_ENDPOINT',
  /** AWS: the KMS key that wraps the registry's data keys. */
  registryKmsKeyId: 'TERANG_REGISTRY_KMS_KEY_ID',
  /** AWS: the Secrets Manager secret holding the pseudonym key (hex). */
  pseudonymSecretArn: 'TERANG_PSEUDONYM_SECRET_ARN',
  /** Local mode only: directory of the local stand-ins for KMS and the secret. */
  localKeyDirectory: 'TERANG_LOCAL_KEY_DIR',
  /** AWS: the S3 bucket evidence files (receipts, transfer slips) are stored in, under `evidence/<sha256>`. */
  evidenceBucket: 'TERANG_EVIDENCE_BUCKET',
  /** Local mode only: the directory that stands in for the evidence bucket. */
  localEvidenceDirectory: 'TERANG_LOCAL_EVIDENCE_DIR',
  /** The public log's origin line (C2SP tlog-checkpoint), also the name of its signing key. */
  logOrigin: 'TERANG_LOG_ORIGIN',
  /** AWS: the S3 bucket the public log's tiles, entry bundles and checkpoint live in, under `log/`. */
  logBucket: 'TERANG_LOG_BUCKET',
  /** AWS: the Secrets Manager secret whose SHA-256 is the public log's Ed25519 signing seed. */
  logSigningSecretArn: 'TERANG_LOG_SIGNING_SECRET_ARN',
  /** Local mode only: the directory that stands in for the log bucket. */
  localLogDirectory: 'TERANG_LOCAL_LOG_DIR',
} as const;
