import { existsSync } from 'node:fs';

import { Annotations, Duration } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** API routes all start with /api/, so one behaviour sends them to the HTTP API unchanged. */
export const apiPathPattern = '/api/*';

export interface PublicSiteProps {
  /** Host name of the HTTP API's execute-api endpoint. */
  readonly apiDomainName: string;
  /** Built static site; when missing the bucket stays empty and synth still succeeds. */
  readonly siteAssetPath: string;
}

/**
 * The public transparency site and its API under one CloudFront host name, so the browser never
 * makes a cross-origin call and the API needs no CORS.
 */
export class PublicSite extends Construct {
  public readonly logBucket: Bucket;
  public readonly siteBucket: Bucket;
  public readonly distribution: Distribution;
  public readonly deployment: BucketDeployment | undefined;

  public constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging still delivers through bucket ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });

    this.siteBucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Terang public site and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors: {
        [apiPathPattern]: {
          origin: new HttpOrigin(props.apiDomainName, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          // A redirect would turn a POST into a GET in some clients; refuse plain HTTP instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Forwards Authorization and the query string; Host must stay the execute-api host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 is the cheapest one with edge locations in Indonesia.
      priceClass: PriceClass.PRICE_CLASS_200,
    });

    this.deployment = this.deploySite(props.siteAssetPath);
  }

  private deploySite(siteAssetPath: string): BucketDeployment | undefined {
    if (!existsSync(siteAssetPath)) {
      // Infra work must not wait for a web build; deploying without it just leaves the site empty.
      Annotations.of(this).addWarningV2(
        'terang:site-not-built',
        `No site build at ${siteAssetPath}: the site bucket will not be updated. Build web/ first to deploy the site.`,
      );
      return undefined;
    }
    return new BucketDeployment(this, 'DeploySite', {
      sources: [Source.asset(siteAssetPath)],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}
