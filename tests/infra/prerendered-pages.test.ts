import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';

import { prerenderedPagesFunction } from '../../infra/constructs/public-site.ts';
import { buildTerangStack } from './build-terang-stack.ts';

/** The CloudFront Function's own code, run as CloudFront runs it: `handler(event)` → request. */
const handler = new Function(`${prerenderedPagesFunction}; return handler;`)() as (event: {
  request: { uri: string };
}) => { uri: string };

const uriFor = (uri: string) => handler({ request: { uri } }).uri;

describe('the site behaviour of the distribution', () => {
  it('serves a prerendered page from its .html file', () => {
    expect(uriFor('/verifikasi')).toBe('/verifikasi.html');
  });

  it('leaves the root, files with an extension and folders alone', () => {
    expect([uriFor('/'), uriFor('/_app/immutable/report.js'), uriFor('/favicon.png'), uriFor('/docs/')]).toEqual([
      '/',
      '/_app/immutable/report.js',
      '/favicon.png',
      '/docs/',
    ]);
  });

  it('runs the page rewrite on viewer requests of the default behaviour only', () => {
    // Prepare
    const template = Template.fromStack(buildTerangStack().stack);

    // Assess
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = (distribution as { Properties: { DistributionConfig: Record<string, any> } }).Properties
      .DistributionConfig;
    expect(config['DefaultCacheBehavior'].FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    for (const behaviour of config['CacheBehaviors'] as Record<string, unknown>[]) {
      expect(behaviour['FunctionAssociations']).toBeUndefined();
    }
  });
});
