import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

import { TerangStack } from './terang-stack.ts';

const app = new App();

// `cdk synth -c siteAssetPath=dist/site` deploys a site built somewhere else.
const siteAssetPath: unknown = app.node.tryGetContext('siteAssetPath');
// `cdk deploy -c logOrigin=transparansi.example.go.id/zakat` names the public log of a real deployment.
const logOrigin: unknown = app.node.tryGetContext('logOrigin');

new TerangStack(app, 'Terang', {
  ...(typeof siteAssetPath === 'string' ? { siteAssetPath } : {}),
  ...(typeof logOrigin === 'string' ? { logOrigin } : {}),
});

// cdk-nag 3 is a policy-validation plugin rather than an Aspect: any unacknowledged finding,
// error or warning, fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
