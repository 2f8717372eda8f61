import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { conflict } from '../domain/errors.ts';
import type { EligibilityProfile } from '../registry/household.ts';
import type {
  HeldHousehold,
  RegistryImport,
  RegistrySnapshot,
  RegistryStore,
  StoredHousehold,
} from '../registry/registry-store.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { tableDefinition } from './table.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

const gsi1 = tableDefinition.globalSecondaryIndexes[0].indexName;

/** The registry half of the DynamoDB adapter: households, KK guards, imports and snapshots. */
export class DynamoDbRegistryStore implements RegistryStore {
  private readonly items: ItemAccess;

  constructor(
    client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The city's kecamatan codes: households are listed per kecamatan through gsi1. */
    private readonly kecamatanCodes: () => Promise<readonly string[]>,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async putImport(registryImport: RegistryImport): Promise<void> {
    await this.items.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.registryImport(registryImport.id), entity: 'RegistryImport', ...registryImport },
      }),
    );
  }

  async getImport(id: string): Promise<RegistryImport | undefined> {
    return this.items.get<RegistryImport>(keys.registryImport(id));
  }

  async householdsByPseudonym(pseudonyms: readonly string[]): Promise<Map<string, StoredHousehold>> {
    const found = await this.items.getMany<StoredHousehold>(pseudonyms.map((pseudonym) => keys.household(pseudonym)));
    return new Map(found.map((household) => [household.pseudonym, household]));
  }

  async householdsByKk(kkDigests: readonly string[]): Promise<Map<string, HeldHousehold>> {
    const found = await this.items.getMany<HeldHousehold>(kkDigests.map((digest) => keys.kk(digest)));
    return new Map(found.map((held) => [held.kkDigest, held]));
  }

  async putHouseholds(households: readonly StoredHousehold[]): Promise<void> {
    await this.items.putMany(
      households.flatMap((household) => [
        {
          ...keys.household(household.pseudonym),
          ...keys.householdIndex(household.kecamatan, household.pseudonym),
          entity: 'Household',
          ...household,
        },
        {
          ...keys.kk(household.kkDigest),
          entity: 'KkHolder',
          pseudonym: household.pseudonym,
          kkDigest: household.kkDigest,
          kecamatan: household.kecamatan,
        },
      ]),
    );
  }

  async commitSnapshot(snapshot: RegistrySnapshot, previous: number): Promise<void> {
    try {
      await transactWrite(this.items.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.registryHead(), entity: 'RegistryHead', ...snapshot },
              // Two imports committing at once: only the one that saw the current head wins.
              ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
              ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.registrySnapshot(snapshot.version), entity: 'RegistrySnapshot', ...snapshot },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled) {
        throw conflict('registry_changed', 'another import committed a registry snapshot meanwhile; import again');
      }
      throw error;
    }
  }

  async currentSnapshot(): Promise<RegistrySnapshot | undefined> {
    return this.items.get<RegistrySnapshot>(keys.registryHead());
  }

  async *eligibilityProfiles(): AsyncIterable<EligibilityProfile> {
    for (const code of await this.kecamatanCodes()) {
      const pages = this.items.queryPages<StoredHousehold>({
        IndexName: gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.householdIndex(code, '').gsi1pk },
      });
      for await (const page of pages) {
        for (const household of page) yield toProfile(household);
      }
    }
  }
}

function toProfile(household: StoredHousehold): EligibilityProfile {
  return {
    pseudonym: household.pseudonym,
    kecamatan: household.kecamatan,
    desil: household.desil,
    jumlahAnggota: household.jumlahAnggota,
    verifiedOn: household.verifiedOn,
    disabilitas: household.disabilitas,
    lansia: household.lansia,
    perempuanKepala: household.perempuanKepala,
    mustahik: household.mustahik,
    status: household.status,
  };
}
