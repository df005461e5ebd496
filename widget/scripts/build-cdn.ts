/**
 * Builds what partner pages load, into dist/cdn:
 *   talking-library.js         the loader: the one script tag a partner adds (about 2 KiB); it
 *                              imports no other file, so it starts downloads the moment it runs;
 *   talking-library-client.js  the SDK client, for a page's own script (not needed to show elements);
 *   chunks/shared-HASH.js      what every element needs: Lit, the SDK's transport and the resources
 *                              <talking-library> calls, the strings and the elements' common code;
 *   chunks/<element>-HASH.js   each element's own code, fetched when its tag appears;
 *   chunks/…-HASH.js           code some elements share beyond that (the full profile view).
 * esbuild passes: the shared chunk first, then the elements with every shared module pointed at
 * it, so it is one file — one download, one gzip stream — whatever imports what; then the loader,
 * which knows the elements' files. Between our chunks, names are short: the shared chunk's exports
 * and our `_` members. Each file is written brotli- and gzip-compressed beside itself.
 *
 *   tsx scripts/build-cdn.ts            (part of `npm run build`)
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult, type Metafile, type Plugin } from 'esbuild';
import ts from 'typescript';
import { minifyLitTemplates } from './minify-templates.js';
import { precompress } from './precompress.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist', 'cdn');

/**
 * The chunk every element shares: Lit, the SDK's transport and the resources `<talking-library>`
 * calls, the strings and the elements' common code. One file, one gzip stream. The loader imports
 * none of it (it bundles the few stateless modules it needs), so it runs at once, and in Node.
 * (A list, so a layer that some elements share could follow it; each may import those before it.)
 */
const LAYERS = [
  {
    name: 'shared',
    packages: /^(lit|lit\/.*|@lit\/task)$/,
    modules: (file: string) => SDK_SHARED.includes(file) || file === 'strings.ts' || (/^internal\//.test(file) && !NOT_SHARED.has(file)) || file === 'events/error.ts',
  },
] as const;
/**
 * The SDK's transport and the resources `<talking-library>` calls (paths from src/); each other
 * resource travels with the elements that call it, so no page carries the whole client.
 */
const SDK_SHARED = ['client.ts', 'errors.ts', 'pagination.ts', 'resources/libraries.ts', 'resources/profile-reads.ts', 'resources/me.ts'].map((file) => `../../sdk/src/${file}`);
/** Our modules that only some elements need, loaded with them rather than with a shared chunk. */
const NOT_SHARED = new Set(['internal/profile-detail.ts', 'internal/profile-detail.styles.ts', 'internal/url-state.ts', 'internal/form.styles.ts', 'internal/figures.styles.ts',
  // The request board's and form's own, and the board's and learning feed's search and filters: a
  // page with only <talking-library> must not carry them.
  'internal/request.strings.ts', 'internal/zoned-time.ts', 'internal/next-page.ts', 'internal/search-filters.ts', 'internal/search-filters.styles.ts']);

/** Marks the plugin's own look-ups of SDK subpaths, so it does not answer itself. */
const RESOLVING = Symbol('resolving');
/** esbuild namespaces: a shared chunk's modules while it is built, and the chunk as its importers see it. */
const LAYER_SOURCE = 'tl-layer-source';
const SHARED_CHUNK = 'tl-shared-chunk';

interface SharedChunk {
  name: string;
  file: string;
  packages: RegExp;
  modules: readonly string[];
  /** Each exported name and the short one the chunk exports it under. */
  exports: ReadonlyMap<string, string>;
}

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
  // Our elements' own state and helpers are `_`-prefixed (Lit's `@state()` fields, tasks): private
  // to the build, so they can be short. Lit's cross-version names start `_$` and stay whole.
  mangleProps: /^_[a-zA-Z]/,
};

/**
 * One set of short names for every pass: an element reads the shared chunk's `_` names, and the
 * loader bundles some of the same modules.
 */
let mangleCache: Record<string, string | false> = {};

/**
 * The cache with every name `code` (a chunk already built) uses kept from later passes' short
 * names. A pass sees only its own code: without this, an element's `_search` could be given the
 * name of one of Lit's own minified members in the shared chunk, `C` say, and overwrite it on
 * every element of its class (tl-request-board did: "this.C is not a function"). Names our
 * `_` members already have stay theirs.
 */
function reservingNamesIn(code: string, cache: Record<string, string | false>): Record<string, string | false> {
  const ours = new Set(Object.values(cache).filter((name): name is string => typeof name === 'string'));
  const reserved = { ...cache };
  for (const [name] of code.matchAll(/[A-Za-z_$][\w$]*/g)) if (!ours.has(name) && !(name in reserved)) reserved[name] = false;
  return reserved;
}

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
const built: SharedChunk[] = [];
const metafiles: Metafile[] = [];
for (const [i, layer] of LAYERS.entries()) {
  const entry = [
    ...layerModules[i]!.map((file) => `export * from './${file.replace(/\.ts$/, '.js')}';`),
    ...[...packageImports].filter(([specifier]) => layer.packages.test(specifier)).map(([specifier, names]) => `export { ${[...names].sort().join(', ')} } from '${specifier}';`),
  ].join('\n');
  const pass = (contents: string, more: Partial<BuildOptions>): Promise<BuildResult<{ metafile: true }>> =>
    build({
      ...common,
      mangleCache,
      stdin: { contents, resolveDir: src, sourcefile: `${layer.name}.ts`, loader: 'ts' },
      outdir: join(out, 'chunks'),
      entryNames: `${layer.name}-[hash]`,
      plugins: [layerSource(entry), useSharedChunks(built), minifyLitTemplates()],
      ...more,
    });
  // The chunk's exports are no API: only our chunks import them, so they get short names too. A
  // first pass, not written, says which names the chunk exports.
  const names = Object.values((await pass(entry, { write: false, minify: false, sourcemap: false })).metafile.outputs).flatMap((output) => output.exports);
  const exports = new Map([...new Set(names)].sort().map((name, n) => [name, shortName(n)]));
  const result = await pass(`export { ${[...exports].map(([name, short]) => `${name} as ${short}`).join(', ')} } from '${LAYER_SOURCE}';`, {});
  metafiles.push(result.metafile);
  const file = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'))!.split('/').pop()!;
  mangleCache = reservingNamesIn(await readFile(join(out, 'chunks', file), 'utf8'), result.mangleCache!);
  built.push({ name: layer.name, file, packages: layer.packages, modules: layerModules[i]!, exports });
}

// Then the elements, each an entry of its own, with every shared import pointed at its chunk.
const tags = (await readdir(src, { withFileTypes: true })).filter((entry) => entry.isDirectory() && /^(talking-library|tl-[a-z-]+)$/.test(entry.name)).map((entry) => entry.name);
const elements = await build({
  ...common,
  mangleCache,
  entryPoints: Object.fromEntries(tags.map((tag) => [tag, join(src, tag, `${tag}.ts`)])),
  outdir: join(out, 'chunks'),
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  plugins: [useSharedChunks(built), minifyLitTemplates()],
});
mangleCache = elements.mangleCache!;
const elementGraph = mergeMetafiles(...metafiles, elements.metafile).outputs;
const elementFiles = new Map(Object.entries(elementGraph).flatMap(([file, output]) => (output.entryPoint ? [[resolve(root, output.entryPoint), file] as const] : [])));

// Last, the loader, on its own: it bundles the little it needs and imports no chunk, so nothing
// waits for another file before it can start an element's download. Its `import()`s point at the
// elements' files, and it knows each element's modulepreload list.
const loader = await build({
  ...common,
  mangleCache,
  entryPoints: { 'talking-library': join(src, 'loader', 'loader.ts') },
  outdir: out,
  entryNames: '[name]',
  // A string, not an object: the loader parses it once.
  define: { __TL_MODULE_PRELOADS__: JSON.stringify(JSON.stringify(modulePreloads(elementGraph))) },
  plugins: [useElementFiles(elementFiles)],
});
if (loader.metafile.outputs[relative(root, join(out, 'talking-library.js'))]!.imports.some((i) => i.kind === 'import-statement')) {
  throw new Error('The loader imports a file statically: it would wait for it before it could start any element.');
}

// The SDK client for a page's own script, beside the loader rather than in it: a page that only
// shows elements does not download every resource of the API. Whole, importing no chunk, so it
// loads in Node too (the shared chunk holds Lit).
const client = await build({
  ...common,
  mangleCache: loader.mangleCache!,
  entryPoints: { 'talking-library-client': join(src, 'loader', 'client.ts') },
  outdir: out,
  entryNames: '[name]',
});

await writeFile(join(out, 'metafile.json'), JSON.stringify(mergeMetafiles(...metafiles, elements.metafile, loader.metafile, client.metafile)));
await precompress(out);

/**
 * Rewrites imports of modules and packages that a shared chunk holds to that chunk, relative to
 * where they land, under the chunk's short export names. Except for the loader: what it imports of
 * a shared chunk's modules is bundled into it, and so is what those import in turn (an importer that
 * is a shared module got here only through the loader: elements' imports of it were rewritten).
 */
function useSharedChunks(chunks: readonly SharedChunk[]): Plugin {
  const moduleOf = (file: string) => relative(src, file).split(sep).join('/').replace(/\.js$/, '.ts');
  return {
    name: 'use-shared-chunks',
    setup(pass) {
      // An importer's imports of a shared chunk land here: the names it takes from the chunk, as our
      // modules know them. One such module for each importer, so each lands in its importer's chunk
      // rather than one of its own, is one import statement, and asks for no name its importer does
      // not use (of the names it imports from anywhere, those the chunk exports).
      pass.onLoad({ filter: /.*/, namespace: SHARED_CHUNK }, async (args) => {
        const { file, importer } = args.pluginData as { file: string; importer: string };
        const chunk = chunks.find((c) => c.file === file)!;
        const wanted = await importedNames(importer);
        const names = [...chunk.exports].filter(([name]) => wanted === 'all' || wanted.has(name));
        return { contents: `export { ${names.map(([name, short]) => `${short} as ${name}`).join(', ')} } from './${chunk.file}';`, loader: 'js' };
      });
      pass.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === SHARED_CHUNK) return { path: args.path, external: true };
        if (args.kind === 'entry-point' || !args.importer || args.importer.startsWith('<stdin>') || args.namespace === LAYER_SOURCE || args.pluginData === RESOLVING) return undefined;
        const importer = moduleOf(args.importer);
        if (importer.startsWith('loader/') || chunks.some((c) => c.modules.includes(importer))) return undefined;
        // The SDK's subpaths are its source files, so `@talking-library/sdk/resources/profiles` and a
        // resource's own `../client.js` both find the chunk that holds the file.
        const file = args.path.startsWith('.')
          ? resolve(args.resolveDir, args.path)
          : /^@talking-library\/sdk\//.test(args.path)
            ? (await pass.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING })).path
            : undefined;
        const module = file ? moduleOf(file) : undefined;
        const chunk = chunks.find((c) => (module ? c.modules.includes(module) : c.packages.test(args.path)));
        if (!chunk) return undefined;
        return { path: `${chunk.file} for ${importer}`, namespace: SHARED_CHUNK, pluginData: { file: chunk.file, importer: args.importer } };
      });
    },
  };
}

/** The names `file` imports (or re-exports); 'all' when it imports a namespace. */
async function importedNames(file: string): Promise<Set<string> | 'all'> {
  const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : statement.exportClause;
    if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) return 'all';
    for (const element of bindings.elements) names.add((element.propertyName ?? element.name).text);
  }
  return names;
}

/** A shared chunk's modules, as one module the chunk's entry re-exports under short names. */
function layerSource(contents: string): Plugin {
  return {
    name: 'layer-source',
    setup(pass) {
      pass.onResolve({ filter: new RegExp(`^${LAYER_SOURCE}$`) }, () => ({ path: LAYER_SOURCE, namespace: LAYER_SOURCE }));
      pass.onLoad({ filter: /.*/, namespace: LAYER_SOURCE }, () => ({ contents, resolveDir: src, loader: 'ts' }));
    },
  };
}

/** `a`, `b`, … `Z`, then `ba`, `bb`, …: the shortest names, none a reserved word. */
function shortName(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const names: string[] = [];
  for (let i = 0; names.length <= n; i++) {
    let name = '';
    for (let rest = i; ; rest = Math.floor(rest / letters.length) - 1) {
      name = letters[rest % letters.length] + name;
      if (rest < letters.length) break;
    }
    if (!['do', 'if', 'in'].includes(name)) names.push(name);
  }
  return names[n]!;
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
 * For each element, its file and every file it imports statically, all the way down: names in
 * chunks/ without `.js`, which the loader puts back.
 */
function modulePreloads(outputs: ReturnType<typeof mergeMetafiles>['outputs']): Record<string, string[]> {
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    for (const i of outputs[file]?.imports ?? []) {
      if (i.kind === 'import-statement' && !seen.has(i.path)) closure(i.path, seen.add(i.path));
    }
    return seen;
  };
  const preloads: Record<string, string[]> = {};
  for (const [file, output] of Object.entries(outputs)) {
    const tag = /^src\/([a-z-]+)\/\1\.ts$/.exec(output.entryPoint ?? '')?.[1];
    if (tag) preloads[tag] = [...closure(file)].map((path) => path.replace(/^chunks\/(.*)\.js$/, '$1')).sort();
  }
  return preloads;
}

/** Points the loader's `import()` of each element at the element's built file, in chunks/. */
function useElementFiles(files: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'use-element-files',
    setup(pass) {
      pass.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const file = files.get(resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
        if (!file) throw new Error(`The loader imports ${args.path}, which is no element's entry.`);
        return { path: `./${file}`, external: true };
      });
    },
  };
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
