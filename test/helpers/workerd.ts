import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { REPO_ROOT } from './readme.js';

export const EDGE_EXAMPLE = join(REPO_ROOT, 'examples/edge');

/** What examples/edge/wrangler.toml tells wrangler to run: its entry and the runtime's date and flags. */
export async function wranglerSettings(): Promise<{ main: string; compatibilityDate: string; compatibilityFlags: string[] }> {
  const toml = await readFile(join(EDGE_EXAMPLE, 'wrangler.toml'), 'utf8');
  const value = (key: string) => new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm').exec(toml)?.[1];
  const main = value('main');
  const compatibilityDate = value('compatibility_date');
  if (!main || !compatibilityDate) throw new Error('wrangler.toml names no main or compatibility_date');
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  return { main, compatibilityDate, compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [] };
}

/**
 * One ES module, bundled as wrangler bundles a module Worker: workerd's export conditions, no Node
 * built-ins (the build fails on any). From the sources, as every other test runs them.
 */
export async function bundleWorker(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser', '@talking-library/source'],
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface RunningWorker {
  /** The worker's own address: requests to it are real HTTP into workerd. */
  url: URL;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

/** Runs a bundled module Worker in workerd (the binary miniflare ships), on a free port. */
export async function runInWorkerd(script: string, options: { bindings: Record<string, string>; compatibilityDate: string; compatibilityFlags?: string[] }): Promise<RunningWorker> {
  const miniflare = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents: script }],
    compatibilityDate: options.compatibilityDate,
    compatibilityFlags: options.compatibilityFlags ?? [],
    bindings: options.bindings,
    host: '127.0.0.1',
    port: 0,
  });
  const url = await miniflare.ready.catch(async (error: unknown) => {
    await miniflare.dispose();
    throw error;
  });
  return {
    url,
    fetch: (path, init) => fetch(new URL(path, url), init),
    dispose: () => miniflare.dispose(),
  };
}
