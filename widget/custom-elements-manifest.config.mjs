// `cem analyze` reads the element classes' JSDoc (`@tag`, `@fires`, `@csspart`, `@cssproperty`) and
// Lit's decorators, and writes dist/custom-elements.json for editors, Storybook and framework tooling.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/loader/**', 'src/jsx/**', 'src/*/define.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [onlyDocumentedEvents(), perElementEntries()],
};

/**
 * Our events are `Event` subclasses that name themselves, and the analyzer takes the first argument
 * of `dispatchEvent(new TlRequestExchangeEvent(profile))` for the event's name ("profile"). What an
 * element fires is what its `@fires` tags say; an event found only in the code is dropped.
 */
function onlyDocumentedEvents() {
  return {
    name: 'talking-library:only-documented-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
        }
      }
    },
  };
}

/**
 * The tags are defined through `defineElement`, which the analyzer does not follow. Each element's
 * entry point (`dist/talking-library.js`, imported as `@talking-library/widget/talking-library.js`)
 * exports the class and defines the tag: say so, so tools know what to import for a tag.
 */
function perElementEntries() {
  return {
    name: 'talking-library:per-element-entries',
    packageLinkPhase({ customElementsManifest }) {
      const entries = [];
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.tagName) continue;
          const reference = { name: declaration.name, module: module.path };
          entries.push({
            kind: 'javascript-module',
            path: `dist/${declaration.tagName}.js`,
            declarations: [],
            exports: [
              { kind: 'js', name: declaration.name, declaration: reference },
              { kind: 'custom-element-definition', name: declaration.tagName, declaration: reference },
            ],
          });
        }
      }
      customElementsManifest.modules.push(...entries);
    },
  };
}
