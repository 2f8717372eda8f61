import { PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

import type { Activity } from '../domain/activity.ts';
import type { City, Kecamatan } from '../domain/city.ts';
import { normaliseTransferRef, type Contribution } from '../domain/contributions.ts';
import { conflict, notFound, unprocessable } from '../domain/errors.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { defaultPolicySettings, fiscalYearOf, type PolicySettings } from '../domain/settings.ts';
import type { Organisation } from '../domain/organisations.ts';
import type { Pledge } from '../domain/pledges.ts';
import type {
  AccountBalance,
  KecamatanFundStat,
  OrganisationOutcomeRecord,
  OrganisationWithPledges,
  TerangStore,
} from '../domain/store.ts';
import { isFund } from '../domain/funds.ts';
import { activityPut } from './activity-actions.ts';
import { tableDefinition } from './table.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { counterUpdate, entryActions, entryFailure, putOnce } from './ledger-actions.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

const gsi1 = tableDefinition.globalSecondaryIndexes[0].indexName;

/** The DynamoDB adapter of the TerangStore port (single-table design, keys from keys.ts). */
export class DynamoDbStore implements TerangStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  private readonly items: ItemAccess;

  async putCity(city: City, kecamatan: readonly Kecamatan[]): Promise<void> {
    await transactWrite(this.client, {
      TransactItems: [
        { Put: { TableName: this.tableName, Item: { ...keys.city(), entity: 'City', ...city } } },
        ...kecamatan.map((k) => ({
          Put: { TableName: this.tableName, Item: { ...keys.kecamatan(k.code), entity: 'Kecamatan', ...k } },
        })),
      ],
    });
  }

  async getCity(): Promise<City | undefined> {
    return this.items.get<City>(keys.city());
  }

  async listKecamatan(): Promise<Kecamatan[]> {
    return this.items.queryAll<Kecamatan>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.city().pk, ':prefix': keys.kecamatanPrefix },
    });
  }

  async putOrganisation(organisation: Organisation): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.organisation(organisation.id),
          ...keys.organisationIndex(organisation.id),
          entity: 'Organisation',
          ...organisation,
          pledged: 0,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getOrganisation(id: string): Promise<OrganisationWithPledges | undefined> {
    return this.items.get<OrganisationWithPledges>(keys.organisation(id));
  }

  async listOrganisations(): Promise<OrganisationWithPledges[]> {
    return this.items.queryAll<OrganisationWithPledges>({
      IndexName: gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.organisationsPartition },
    });
  }

  async putPledge(pledge: Pledge): Promise<void> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          putOnce(this.tableName, {
            ...keys.pledge(pledge.id),
            ...keys.pledgeIndex(pledge.orgId, pledge.id),
            entity: 'Pledge',
            ...pledge,
          }),
          {
            Update: {
              TableName: this.tableName,
              Key: keys.organisation(pledge.orgId),
              UpdateExpression: 'ADD pledged :amount',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':amount': pledge.amount },
            },
          },
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(1)) {
        throw notFound('organisation_not_found', `no organisation with id ${pledge.orgId}`, 'orgId');
      }
      throw error;
    }
  }

  async getPledge(id: string): Promise<Pledge | undefined> {
    return this.items.get<Pledge>(keys.pledge(id));
  }

  async putContribution(contribution: Contribution): Promise<void> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          putOnce(this.tableName, {
            ...keys.contribution(contribution.id),
            ...keys.contributionIndex(contribution.orgId, contribution.id),
            entity: 'Contribution',
            ...contribution,
          }),
          putOnce(this.tableName, {
            ...keys.transferRef(contribution.orgId, normaliseTransferRef(contribution.transferRef)),
            entity: 'TransferRef',
            contributionId: contribution.id,
          }),
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(1)) {
        throw conflict(
          'duplicate_transfer_ref',
          `transfer reference ${contribution.transferRef} was already declared by this organisation`,
          'transferRef',
        );
      }
      throw error;
    }
  }

  async getContribution(id: string): Promise<Contribution | undefined> {
    return this.items.get<Contribution>(keys.contribution(id));
  }

  async confirmContribution(confirmed: Contribution, entry: LedgerEntry): Promise<void> {
    const confirmedAt = confirmed.confirmedAt ?? entry.createdAt;
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.contribution(confirmed.id),
              UpdateExpression: 'SET #status = :confirmed, confirmedAt = :at, confirmedBy = :by, entryId = :entryId',
              ConditionExpression: '#status = :declared',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':confirmed': 'confirmed',
                ':declared': 'declared',
                ':at': confirmedAt,
                ':by': confirmed.confirmedBy,
                ':entryId': entry.id,
              },
            },
          },
          // The confirmed money becomes a FIFO source of its fund, consumed by attribution.
          putOnce(this.tableName, {
            ...keys.fundingSource(confirmed.fund, confirmedAt, confirmed.id),
            entity: 'FundingSource',
            contributionId: confirmed.id,
            orgId: confirmed.orgId,
            fund: confirmed.fund,
            amount: confirmed.amount,
            remaining: confirmed.amount,
            confirmedAt,
            ...(confirmed.earmark ? { earmark: confirmed.earmark } : {}),
          }),
          counterUpdate(this.tableName, keys.fundYear(confirmed.fund, fiscalYearOf(confirmedAt)), 'FundYear', {
            confirmed: confirmed.amount,
          }),
          ...entryActions(this.tableName, entry),
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled) {
        if (error.failedAt(0) || error.failedAt(1)) {
          throw conflict('already_confirmed', 'this contribution has already been confirmed', 'id');
        }
        const failure = entryFailure(error, 3, entry);
        if (failure && 'duplicate' in failure) {
          throw conflict('already_confirmed', 'this contribution has already been confirmed', 'id');
        }
        if (failure) throw unprocessable('insufficient_balance', `account ${failure.account} has too little money`);
      }
      throw error;
    }
  }

  async listAccountBalances(): Promise<AccountBalance[]> {
    const items = await this.items.queryAll<AccountBalance>({
      IndexName: gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.accountsPartition },
    });
    return items.map(({ account, balance }) => ({ account, balance }));
  }

  async getAccountBalance(account: string): Promise<{ balance: number; version: number }> {
    const item = await this.items.get<{ balance?: number; version?: number }>(keys.account(account));
    return { balance: item?.balance ?? 0, version: item?.version ?? 0 };
  }

  async getSettings(): Promise<PolicySettings> {
    const saved = await this.items.get<Partial<PolicySettings>>(keys.settings());
    return { ...defaultPolicySettings, ...saved };
  }

  async putSettings(
    settings: PolicySettings,
    previousUpdatedAt: string | undefined,
    activity: Activity,
  ): Promise<boolean> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.settings(), entity: 'Settings', ...settings },
              ...(previousUpdatedAt === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'updatedAt = :previous',
                    ExpressionAttributeValues: { ':previous': previousUpdatedAt },
                  }),
            },
          },
          activityPut(this.tableName, activity),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
      throw error;
    }
  }

  async listOrganisationOutcomes(orgIds: readonly string[]): Promise<OrganisationOutcomeRecord[]> {
    return Promise.all(
      orgIds.map(async (orgId) => {
        const statsKey = keys.organisationStats(orgId);
        // REACHED#… sorts just before STATS in the organisation's partition: one range query reads both.
        const items = await this.queryWithKeys({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ProjectionExpression: 'sk, #kecamatan, #amount, #disbursed, #programme, #ceremonial, #reached',
          ExpressionAttributeNames: {
            '#kecamatan': 'kecamatan',
            '#amount': 'amount',
            '#disbursed': 'disbursed',
            '#programme': 'programme',
            '#ceremonial': 'ceremonial',
            '#reached': 'reachedHouseholds',
          },
          ExpressionAttributeValues: { ':pk': statsKey.pk, ':from': keys.reachedHouseholdPrefix, ':to': statsKey.sk },
        });
        const stats = items.find((item) => item['sk'] === statsKey.sk) ?? {};
        const counter = (name: string) => (typeof stats[name] === 'number' ? (stats[name] as number) : 0);
        return {
          orgId,
          stats: {
            disbursed: counter('disbursed'),
            programme: counter('programme'),
            ceremonial: counter('ceremonial'),
            reachedHouseholds: counter('reachedHouseholds'),
          },
          reached: items
            .filter((item) => String(item['sk']).startsWith(keys.reachedHouseholdPrefix))
            .map((item) => ({ kecamatan: String(item['kecamatan'] ?? ''), amount: Number(item['amount'] ?? 0) })),
        };
      }),
    );
  }

  async listKecamatanFundStats(): Promise<KecamatanFundStat[]> {
    const items = await this.queryWithKeys({
      KeyConditionExpression: 'pk = :pk',
      ProjectionExpression: 'sk, payable',
      ExpressionAttributeValues: { ':pk': keys.kecamatanStatsPartition },
    });
    const stats: KecamatanFundStat[] = [];
    for (const item of items) {
      // sk = `${kecamatan}#FUND#${fund}` (keys.kecamatanFundStats); graduation stats share the partition.
      const [kecamatan, marker, fund] = String(item['sk']).split('#');
      if (marker !== 'FUND' || !kecamatan || !isFund(fund)) continue;
      stats.push({ kecamatan, fund, payable: typeof item['payable'] === 'number' ? item['payable'] : 0 });
    }
    return stats;
  }

  /** A paged query that keeps the sort key (ItemAccess strips it), for items told apart by it. */
  private async queryWithKeys(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
