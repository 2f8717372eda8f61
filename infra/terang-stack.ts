import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

import { routes } from '../functions/routes.ts';
import { EvidenceBucket } from './constructs/evidence-bucket.ts';
import { LedgerTable } from './constructs/ledger-table.ts';
import { LogSequencer } from './constructs/log-sequencer.ts';
import { defaultLogOrigin, PublicLog } from './constructs/public-log.ts';
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
  /**
   * Origin line of the public log's checkpoints and name of its signing key: a schema-less URL
   * without spaces or `+`. Changing it after launch starts a new log. @default `terang.example/banjarmasin`
   */
  readonly logOrigin?: string;
}

/** The whole of Terang: ledger table, staff sign-in, the API, the public site and the public log. */
export class TerangStack extends Stack {
  public readonly table: LedgerTable;
  public readonly users: UserDirectory;
  public readonly api: TerangHttpApi;
  public readonly site: PublicSite;
  public readonly registryKeys: RegistryKeys;
  public readonly evidence: EvidenceBucket;
  public readonly publicLog: PublicLog;
  public readonly logSequencer: LogSequencer;

  public constructor(scope: Construct, id: string, props: TerangStackProps = {}) {
    super(scope, id, {
      description: 'Terang: CSR and zakat fund transparency ledger',
      ...props,
    });

    const functionsDir = fromRepoRoot(props.functionsDir ?? defaultFunctionsDir);
    this.table = new LedgerTable(this, 'LedgerTable');
    this.users = new UserDirectory(this, 'Users');
    this.registryKeys = new RegistryKeys(this, 'RegistryKeys');
    this.evidence = new EvidenceBucket(this, 'Evidence');
    this.publicLog = new PublicLog(this, 'PublicLog', { origin: props.logOrigin ?? defaultLogOrigin });
    this.logSequencer = new LogSequencer(this, 'LogSequencer', {
      table: this.table,
      functionsDir,
      publicLog: this.publicLog,
    });
    this.api = new TerangHttpApi(this, 'Api', {
      routes,
      table: this.table,
      userPool: this.users.userPool,
      userPoolClient: this.users.webClient,
      functionsDir,
      registryKeys: this.registryKeys,
      evidence: this.evidence,
      publicLog: this.publicLog,
    });
    this.site = new PublicSite(this, 'Site', {
      apiDomainName: this.api.domainName,
      siteAssetPath: fromRepoRoot(props.siteAssetPath ?? defaultSiteAssetPath),
      publicLogBucket: this.publicLog.bucket,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API, called directly' });
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${this.site.distribution.distributionDomainName}`,
      description: 'Public site; the API is also served here under /api/',
    });
    new CfnOutput(this, 'LogUrl', {
      value: `https://${this.site.distribution.distributionDomainName}/log/`,
      description: 'Public verifiable log (C2SP tlog-tiles): checkpoint, tiles and entry bundles',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });

    applyNagSuppressions(this);
  }
}
