import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbGraduationStore } from '../../shared/dynamodb/dynamodb-graduation-store.ts';
import { DynamoDbProgrammeStore } from '../../shared/dynamodb/dynamodb-programme-store.ts';

/** Module scope, like the store. */
export const programmes = new DynamoDbProgrammeStore(documentClient, tableNameFromEnvironment());
export const graduations = new DynamoDbGraduationStore(documentClient, tableNameFromEnvironment());
