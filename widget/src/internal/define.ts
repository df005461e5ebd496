/**
 * Registers a custom element unless the tag is taken. A page can end up loading the widget twice
 * (the one-script bundle and an npm build, or the same script from two places); the second
 * `customElements.define` would throw and break the rest of that script.
 */
export function defineElement(
  tagName: string,
  constructor: CustomElementConstructor,
  registry: CustomElementRegistry = globalThis.customElements,
): void {
  const existing = registry.get(tagName);
  if (existing === undefined) {
    registry.define(tagName, constructor);
  } else if (existing !== constructor) {
    console.warn(`<${tagName}> was already defined by another copy of the Talking Library widget; keeping the first.`);
  }
}
