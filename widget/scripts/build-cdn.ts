/**
 * Builds what partner pages load, into dist/cdn:
 *   talking-library.js         the loader: the one script tag a partner adds (about 1 KiB);
 *   talking-library-client.js  the SDK client, for a page's own script (not needed to show elements);
 *   chunks/core-HASH.js        the SDK's transport and the resources <talking-library> calls, the
 *                              strings and what the loader needs (no DOM);
 *   chunks/ui-HASH.js          Lit and the elements' common code;
 *   chunks/<element>-HASH.js   each element's own code, fetched when its tag appears;
 *   chunks/…-HASH.js           code some elements share beyond that (the full profile view).
 * esbuild passes: the shared chunks first, then the loader and elements with every shared module
 * pointed at its chunk, so each is one file — one download, one gzip stream — whatever imports
 * what. Each file is written brotli- and gzip-compressed beside itself.
 *
 *   tsx scripts/build-cdn.ts            (part of `npm run build`)
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import ts from 'typescript';
import { minifyLitTemplates } from './minify-templates.js';
import { precompress } from './precompress.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist', 'cdn');

/**
 * The shared chunks, in build order; each may import from those before it. `core` holds what the
 * loader itself needs and exports (the SDK client, the strings API, defineElement) and touches no
 * DOM when imported, so the loader imports cleanly in Node; `ui` holds Lit and the elements'
 * common code.
 */
const LAYERS = [
  {
    name: 'core',
    packages: /^$/,
    modules: (file: string) => CORE_MODULES.has(file),
  },
  {
    name: 'ui',
    packages: /^(lit|lit\/.*|@lit\/task)$/,
    modules: (file: string) => (/^internal\//.test(file) && !NOT_SHARED.has(file)) || file === 'events/error.ts',
  },
] as const;
/**
 * The SDK's transport and the resources `<talking-library>` calls (paths from src/); each other
 * resource travels with the elements that call it, so no page carries the whole client.
 */
const SDK_SHARED = ['client.ts', 'errors.ts', 'pagination.ts', 'resources/libraries.ts', 'resources/profiles.ts', 'resources/me.ts'].map((file) => `../../sdk/src/${file}`);
const CORE_MODULES = new Set(['strings.ts', 'internal/define.ts', 'internal/element-loader.ts', 'internal/first-reads.ts', 'internal/client.ts', 'internal/errors.ts', ...SDK_SHARED]);
/** Our modules that only some elements need, loaded with them rather than with a shared chunk. */
const NOT_SHARED = new Set(['internal/profile-detail.ts', 'internal/profile-detail.styles.ts', 'internal/url-state.ts', 'internal/form.styles.ts',
  // The request board's and form's own: a page with only <talking-library> must not carry them.
  'internal/request.strings.ts', 'internal/zoned-time.ts', 'internal/next-page.ts']);

/** Marks the plugin's own look-ups of SDK subpaths, so it does not answer itself. */
const RESOLVING = Symbol('resolving');

const common: BuildOptions & { metafile: true } = {
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  conditions: ['@talking-library/source', 'browser', 'import', 'module', 'default'],
  legalComments: 'none',
  // Typographic quotes and ellipses as themselves, not \u escapes: the files are served as UTF-8.
  charset: 'utf8',
  tsconfig: join(root, 'tsconfig.json'),
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
};

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'chunks'), { recursive: true });

const sources = (await readdir(src, { recursive: true }))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.split(sep).join('/'))
  .concat(SDK_SHARED);
const claimed = new Set<string>();
const layerModules = LAYERS.map((layer) => {
  const modules = sources.filter((file) => !claimed.has(file) && layer.modules(file));
  for (const file of modules) claimed.add(file);
  return modules;
});

// One pass a shared chunk: it re-exports its modules whole, and from its packages exactly the
// names our modules import (so unused parts of Lit stay out); earlier chunks stay imports.
const packageImports = await valueImportsOfPackages();
const built: { name: string; file: string; packages: RegExp; modules: string[] }[] = [];
const metafiles: Metafile[] = [];
for (const [i, layer] of LAYERS.entries()) {
  const entry = [
    ...layerModules[i]!.map((file) => `export * from './${file.replace(/\.ts$/, '.js')}';`),
    ...[...packageImports].filter(([specifier]) => layer.packages.test(specifier)).map(([specifier, names]) => `export { ${[...names].sort().join(', ')} } from '${specifier}';`),
  ].join('\n');
  const result = await build({
    ...common,
    stdin: { contents: entry, resolveDir: src, sourcefile: `${layer.name}.ts`, loader: 'ts' },
    outdir: join(out, 'chunks'),
    entryNames: `${layer.name}-[hash]`,
    plugins: [useSharedChunks(built), minifyLitTemplates()],
  });
  metafiles.push(result.metafile);
  const file = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'))!.split('/').pop()!;
  built.push({ name: layer.name, file, packages: layer.packages, modules: layerModules[i]! });
}

// Last, the loader and the elements, with every shared import pointed at its chunk. Twice: the
// first pass only reads the module graph, so the second can give the loader each element's
// modulepreload list. Nothing imports the loader, so the chunks come out the same both times.
const elementBuild = (preloads: Record<string, string[]>, write: boolean) =>
  build({
    ...common,
    entryPoints: { 'talking-library': join(src, 'loader', 'loader.ts') },
    outdir: out,
    splitting: true,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    // A string, not an object: esbuild moves an object's value into a chunk shared by all.
    define: { __TL_MODULE_PRELOADS__: JSON.stringify(JSON.stringify(preloads)) },
    write,
    plugins: [useSharedChunks(built), minifyLitTemplates()],
  });
const graph = await elementBuild({}, false);
const preloads = modulePreloads(mergeMetafiles(...metafiles, graph.metafile).outputs);
const elements = await elementBuild(preloads, true);
const chunkNames = (metafile: Metafile) => Object.keys(metafile.outputs).filter((file) => !file.endsWith('talking-library.js') && !file.endsWith('talking-library.js.map')).sort();
if (chunkNames(graph.metafile).join() !== chunkNames(elements.metafile).join()) {
  throw new Error('The element chunks changed between the two passes, so the loader would preload files that do not exist.');
}

// The SDK client for a page's own script, beside the loader rather than in it: a page that only
// shows elements does not download every resource of the API.
const client = await build({
  ...common,
  entryPoints: { 'talking-library-client': join(src, 'loader', 'client.ts') },
  outdir: out,
  entryNames: '[name]',
  plugins: [useSharedChunks(built, () => true)],
});

await writeFile(join(out, 'metafile.json'), JSON.stringify(mergeMetafiles(...metafiles, elements.metafile, client.metafile)));
await precompress(out);

/**
 * Rewrites imports of modules and packages that a shared chunk holds to that chunk, relative to
 * where they land: `atRoot` says which importers end up in a file at the root of dist/cdn (by
 * default the loader's own modules; the rest land in chunks/).
 */
function useSharedChunks(
  chunks: readonly { file: string; packages: RegExp; modules: readonly string[] }[],
  atRoot = (importer: string) => relative(src, importer).startsWith(`loader${sep}`),
): Plugin {
  return {
    name: 'use-shared-chunks',
    setup(pass) {
      pass.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || !args.importer || args.importer.startsWith('<stdin>') || args.pluginData === RESOLVING) return undefined;
        // The SDK's subpaths are its source files, so `@talking-library/sdk/resources/profiles` and a
        // resource's own `../client.js` both find the chunk that holds the file.
        const file = args.path.startsWith('.')
          ? resolve(args.resolveDir, args.path)
          : /^@talking-library\/sdk\//.test(args.path)
            ? (await pass.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING })).path
            : undefined;
        const module = file ? relative(src, file).split(sep).join('/').replace(/\.js$/, '.ts') : undefined;
        const chunk = chunks.find((c) => (module ? c.modules.includes(module) : c.packages.test(args.path)));
        if (!chunk) return undefined;
        return { path: atRoot(args.importer) ? `./chunks/${chunk.file}` : `./${chunk.file}`, external: true };
      });
    },
  };
}

/** For each shared package, the value names our modules import. */
async function valueImportsOfPackages(): Promise<Map<string, Set<string>>> {
  const imports = new Map<string, Set<string>>();
  const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  for (const file of files) {
    const source = ts.createSourceFile(file, await readFile(join(src, file), 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!LAYERS.some((layer) => layer.packages.test(specifier))) continue;
      const names = imports.get(specifier) ?? new Set<string>();
      imports.set(specifier, names);
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (!clause || clause.isTypeOnly) continue;
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
      } else if (!statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
      }
    }
  }
  for (const [specifier, names] of imports) if (names.size === 0) imports.delete(specifier);
  return imports;
}

/**
 * For each element, the chunks its chunk imports statically, all the way down, less those the
 * loader already imports; paths relative to the loader, which sits at the root of dist/cdn.
 */
function modulePreloads(outputs: ReturnType<typeof mergeMetafiles>['outputs']): Record<string, string[]> {
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    for (const i of outputs[file]?.imports ?? []) {
      if (i.kind === 'import-statement' && !seen.has(i.path)) closure(i.path, seen.add(i.path));
    }
    return seen;
  };
  const loader = 'talking-library.js';
  const loaded = closure(loader);
  const preloads: Record<string, string[]> = {};
  for (const i of outputs[loader]!.imports) {
    if (i.kind !== 'dynamic-import') continue;
    const tag = /^src\/([a-z-]+)\//.exec(outputs[i.path]?.entryPoint ?? '')?.[1];
    if (!tag) throw new Error(`No element for the loader's chunk ${i.path}`);
    preloads[tag] = [...closure(i.path)].filter((file) => !loaded.has(file)).sort();
  }
  return preloads;
}

/** One module graph for bench/widget-size, with paths relative to dist/cdn. */
function mergeMetafiles(...metafiles: Metafile[]) {
  const outputs: Record<string, { bytes: number; entryPoint?: string; imports: { path: string; kind: string }[]; inputs: Record<string, number> }> = {};
  for (const metafile of metafiles) {
    for (const [file, output] of Object.entries(metafile.outputs)) {
      if (!file.endsWith('.js')) continue;
      const name = relative(out, resolve(root, file)).split(sep).join('/');
      const imports = output.imports.map((i) => ({
        kind: i.kind,
        path: i.external ? join(dirname(name), i.path).split(sep).join('/') : relative(out, resolve(root, i.path)).split(sep).join('/'),
      }));
      const inputs = Object.fromEntries(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]));
      outputs[name] = { bytes: output.bytes, ...(output.entryPoint ? { entryPoint: output.entryPoint } : {}), imports, inputs };
    }
  }
  return { outputs };
}
