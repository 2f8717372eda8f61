import { existsSync } from 'node:fs';

import { Annotations, Duration } from 'aws-cdk-lib';
import {
  AccessLevel,
  AllowedMethods,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

import { privateBucket } from './private-bucket.ts';

import { logKeyPrefix } from './public-log.ts';

/** API routes all start with /api/, so one behaviour sends them to the HTTP API unchanged. */
export const apiPathPattern = '/api/*';

/** The public log, served from its bucket as it is: `/log/<path>` is the object `log/<path>`. */
export const logPathPattern = `/${logKeyPrefix}*`;

export interface PublicSiteProps {
  /** Host name of the HTTP API's execute-api endpoint. */
  readonly apiDomainName: string;
  /** Built static site; when missing the bucket stays empty and synth still succeeds. */
  readonly siteAssetPath: string;
  /** The public log's bucket (objects under `log/`), written by the sequencer, never by a deployment. */
  readonly publicLogBucket: IBucket;
}

/**
 * The public transparency site and its API under one CloudFront host name, so the browser never
 * makes a cross-origin call and the API needs no CORS. The public log is served beside them under
 * /log/, open to verifiers on any site.
 */
/** SvelteKit writes prerendered pages as `<route>.html`; S3 only maps the root to index.html. */
export const prerenderedPagesFunction = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri !== '/' && uri.charAt(uri.length - 1) !== '/' && uri.split('/').pop().indexOf('.') === -1) {
    request.uri = uri + '.html';
  }
  return request;
}`;

export class PublicSite extends Construct {
  public readonly logBucket: Bucket;
  public readonly siteBucket: Bucket;
  public readonly distribution: Distribution;
  public readonly deployment: BucketDeployment | undefined;

  public constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'LogBucket', {
      ...privateBucket,
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
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'PrerenderedPages', {
              comment: 'Serves prerendered pages (/verifikasi → verifikasi.html), as the local server does',
              runtime: FunctionRuntime.JS_2_0,
              code: FunctionCode.fromInline(prerenderedPagesFunction),
            }),
          },
        ],
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
        [logPathPattern]: {
          // LIST lets S3 answer 404 for a tile that does not exist yet (tlog-tiles clients fall back
          // on 404) instead of 403. Only keys under log/ reach this origin, never a bucket listing.
          origin: S3BucketOrigin.withOriginAccessControl(props.publicLogBucket, {
            originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          // Preflights go to S3 uncached; the bucket's CORS rule answers them.
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: this.logCachePolicy(),
          // Origin and the Access-Control-Request-* headers, so S3 can answer a preflight.
          originRequestPolicy: OriginRequestPolicy.CORS_S3_ORIGIN,
          responseHeadersPolicy: this.logResponseHeadersPolicy(),
          compress: true,
        },
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 is the cheapest one with edge locations in Indonesia.
      priceClass: PriceClass.PRICE_CLASS_200,
    });

    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'ListBucket is granted for the /log/* origin only, so a missing tile is a 404; no request through it reaches the bucket root, and the default root object is set anyway.',
    );

    this.deployment = this.deploySite(props.siteAssetPath);
  }

  /**
   * The sequencer sets Cache-Control on every object: `immutable` for full tiles, `no-cache` or a
   * short max-age for the checkpoint and partial tiles. CloudFront follows it; an object without one
   * is not cached, since a stale checkpoint is the one thing a verifier must not be served.
   */
  private logCachePolicy(): CachePolicy {
    return new CachePolicy(this, 'LogCachePolicy', {
      comment: 'Terang public log: follow the Cache-Control the sequencer sets',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  }

  /** Verifiers run in browsers on any site: CORS GET from anywhere, plus the site's security headers. */
  private logResponseHeadersPolicy(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'LogResponseHeaders', {
      comment: 'Terang public log: readable cross-origin by anyone',
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.SAMEORIGIN, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), override: true },
      },
    });
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
    // Prunes the site bucket only; the public log lives in a bucket of its own that no deployment touches.
    return new BucketDeployment(this, 'DeploySite', {
      sources: [Source.asset(siteAssetPath)],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}
