import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (an esbuild alias in
 * infra/bundling.ts). Lambda always hands the execution role's credentials to the function in
 * environment variables, so the default chain's SSO, INI, process, container and IMDS providers —
 * about 90 KB of minified code and their start-up cost — can never be used there.
 */
export const defaultProvider = () => fromEnv();
