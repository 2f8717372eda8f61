import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

import { routes } from '../functions/routes.ts';
import { EvidenceBucket } from './constructs/evidence-bucket.ts';
import { LedgerTable } from './constructs/ledger-table.ts';
import { PublicSite } from './constructs/public-site.ts';
import { RegistryKeys } from './constructs/registry-keys.ts';
import { TerangHttpApi } from './constructs/terang-http-api.ts';
import { UserDirectory } from './constructs/user-directory.ts';
import { applyNagSuppressions } from './nag-suppressions.ts';
import { defaultFunctionsDir, defaultSiteAssetPath, fromRepoRoot } from './paths.ts';

export interface TerangStackProps extends StackProps {
  /** Where the route entries live. @default `<repo>/functions` */
  readonly functionsDir?: string;
  /** Built static site, absolute or relative to the repo root. @default `<repo>/web/build` */
  readonly siteAssetPath?: string;
}

/** The whole of Terang: ledger table, staff sign-in, the API and the public site. */
export class TerangStack extends Stack {
  public readonly table: LedgerTable;
  public readonly users: UserDirectory;
  public readonly api: TerangHttpApi;
  public readonly site: PublicSite;
  public readonly registryKeys: RegistryKeys;
  public readonly evidence: EvidenceBucket;

  public constructor(scope: Construct, id: string, props: TerangStackProps = {}) {
    super(scope, id, {
      description: 'Terang: CSR and zakat fund transparency ledger',
      ...props,
    });

    this.table = new LedgerTable(this, 'LedgerTable');
    this.users = new UserDirectory(this, 'Users');
    this.registryKeys = new RegistryKeys(this, 'RegistryKeys');
    this.evidence = new EvidenceBucket(this, 'Evidence');
    this.api = new TerangHttpApi(this, 'Api', {
      routes,
      table: this.table,
      userPool: this.users.userPool,
      userPoolClient: this.users.webClient,
      functionsDir: fromRepoRoot(props.functionsDir ?? defaultFunctionsDir),
      registryKeys: this.registryKeys,
      evidence: this.evidence,
    });
    this.site = new PublicSite(this, 'Site', {
      apiDomainName: this.api.domainName,
      siteAssetPath: fromRepoRoot(props.siteAssetPath ?? defaultSiteAssetPath),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API, called directly' });
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${this.site.distribution.distributionDomainName}`,
      description: 'Public site; the API is also served here under /api/',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });

    applyNagSuppressions(this);
  }
}
