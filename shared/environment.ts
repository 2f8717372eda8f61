/** Environment variable names the handlers read; CDK and the local server set them. */
export const handlerEnvironment = {
  tableName: 'TERANG_TABLE_NAME',
  dynamodbEndpoint: 'TERANG_DYNAMODB_ENDPOINT',
} as const;
