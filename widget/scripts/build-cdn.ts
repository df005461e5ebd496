/**
 * Builds what partner pages load, into dist/cdn:
 *   talking-library.js         the loader: the one script tag a partner adds (about 1 KiB);
 *   chunks/shared-HASH.js      Lit, the SDK client, the strings and the elements' common code;
 *   chunks/<element>-HASH.js   each element's own code, fetched when its tag appears;
 *   chunks/…-HASH.js           code some elements share beyond that (the full profile view).
 * Two esbuild passes: the shared chunk first, then the loader and elements with every shared
 * module pointed at it, so it is one file — one download, one gzip stream — whatever imports
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

/** Packages every element uses: they travel in the shared chunk. */
const SHARED_PACKAGES = /^(lit|lit\/.*|@lit\/task|@talking-library\/sdk)$/;
/** Our modules that only some elements need, loaded with them rather than with the shared chunk. */
const NOT_SHARED = new Set(['internal/profile-detail.ts', 'internal/profile-detail.styles.ts', 'internal/url-state.ts', 'internal/form.styles.ts', 'internal/error-view.ts']);

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

const sharedModules = (await readdir(src, { recursive: true }))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.split(sep).join('/'))
  .filter((file) => (/^internal\//.test(file) && !NOT_SHARED.has(file)) || file === 'strings.ts' || file === 'events/error.ts');

// Pass 1: the shared chunk re-exports every shared module whole, and from the packages exactly the
// names our other modules import (so unused parts of Lit stay out).
const packageImports = await valueImportsOfPackages();
const sharedEntry = [
  ...sharedModules.map((file) => `export * from './${file.replace(/\.ts$/, '.js')}';`),
  ...[...packageImports].map(([specifier, names]) => `export { ${[...names].sort().join(', ')} } from '${specifier}';`),
].join('\n');
const shared = await build({
  ...common,
  stdin: { contents: sharedEntry, resolveDir: src, sourcefile: 'shared.ts', loader: 'ts' },
  outdir: join(out, 'chunks'),
  entryNames: 'shared-[hash]',
  plugins: [minifyLitTemplates()],
});
const sharedFile = Object.keys(shared.metafile.outputs).find((file) => file.endsWith('.js'))!;
const sharedName = sharedFile.split('/').pop()!;

// Pass 2: the loader and the elements, with every shared import pointed at that one file.
const elements = await build({
  ...common,
  entryPoints: { 'talking-library': join(src, 'loader', 'loader.ts') },
  outdir: out,
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [useSharedChunk(sharedName), minifyLitTemplates()],
});

await writeFile(join(out, 'metafile.json'), JSON.stringify(mergeMetafiles(shared.metafile, elements.metafile)));
await precompress(out);

/** Rewrites imports of shared modules and packages to the shared chunk, relative to where they land. */
function useSharedChunk(fileName: string): Plugin {
  return {
    name: 'use-shared-chunk',
    setup(pass) {
      pass.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point') return undefined;
        const isShared = SHARED_PACKAGES.test(args.path) || (args.path.startsWith('.') && sharedModules.includes(relative(src, resolve(args.resolveDir, args.path)).split(sep).join('/').replace(/\.js$/, '.ts')));
        if (!isShared) return undefined;
        // Only the loader's own modules land in the loader file at the root; the rest, in chunks/.
        const fromLoader = relative(src, args.importer).startsWith(`loader${sep}`);
        return { path: fromLoader ? `./chunks/${fileName}` : `./${fileName}`, external: true };
      });
    },
  };
}

/** For each shared package, the value names that the elements, the loader and unshared modules import. */
async function valueImportsOfPackages(): Promise<Map<string, Set<string>>> {
  const imports = new Map<string, Set<string>>();
  const files = (await readdir(src, { recursive: true })).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  for (const file of files) {
    const source = ts.createSourceFile(file, await readFile(join(src, file), 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!SHARED_PACKAGES.test(specifier)) continue;
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
