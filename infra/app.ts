import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

import { TerangStack } from './terang-stack.ts';

const app = new App();

// `cdk synth -c siteAssetPath=dist/site` deploys a site built somewhere else.
const siteAssetPath: unknown = app.node.tryGetContext('siteAssetPath');

new TerangStack(app, 'Terang', {
  ...(typeof siteAssetPath === 'string' ? { siteAssetPath } : {}),
});

// cdk-nag 3 is a policy-validation plugin rather than an Aspect: any unacknowledged finding,
// error or warning, fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
