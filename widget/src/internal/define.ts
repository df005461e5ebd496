/**
 * Registers a custom element unless the tag is taken. A page can end up loading the widget twice
 * (the one-script bundle and an npm build, or the same script from two places); the second
 * `customElements.define` would throw and break the rest of that script.
 *
 * Outside a browser (server-side rendering, Node scripts, tests) it does nothing: there is no page
 * for the element to live on, and importing an entry point there must not throw.
 */
export function defineElement(
  tagName: string,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry | undefined = pageRegistry(),
): void {
  if (!registry) return;
  const existing = registry.get(tagName);
  if (existing === undefined) {
    registry.define(tagName, constructor);
  } else if (existing !== constructor) {
    console.warn(`<${tagName}> was already defined by another copy of the Talking Library widget; keeping the first.`);
  }
}

/**
 * The page's registry, or none where there is no page. In Node, Lit puts a stand-in
 * `customElements` on `globalThis` for its server renderer, so the registry alone does not tell.
 */
function pageRegistry(): CustomElementRegistry | undefined {
  return typeof document === 'undefined' ? undefined : globalThis.customElements;
}
