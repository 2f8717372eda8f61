import { buildWeb, webBuildIsStale } from '../../infra/local/web-build.ts';

/** The browser tests need the built site; build it once when the sources changed. */
export async function setup(): Promise<void> {
  if (webBuildIsStale()) await buildWeb();
}
