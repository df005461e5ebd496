import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultStrings } from '@talking-library/widget';

/**
 * Each element's chunk carries its own strings module, and `defaultStrings` spreads them all into
 * one object. A key two modules both define with different wording is a silent bug: the element
 * shows its own chunk's words while a site (or a test) reading `defaultStrings` gets the other's.
 */
const source = fileURLToPath(new URL('../../widget/src/', import.meta.url));

async function stringsModules(): Promise<string[]> {
  const entries = await readdir(source, { recursive: true });
  return entries.filter((path) => path.endsWith('.strings.ts') || path === 'strings.ts').sort();
}

const wording = (value: unknown) => (typeof value === 'function' ? value.toString() : JSON.stringify(value));

test('no two strings modules give one key two different wordings', async () => {
  const firstSeen = new Map<string, { module: string; value: unknown }>();
  const clashes: string[] = [];
  const modules = await stringsModules();
  assert.ok(modules.length >= 10, `found only ${modules.join(', ')}`);
  for (const module of modules) {
    const exports: Record<string, unknown> = await import(new URL(module, `file://${source}`).href);
    for (const strings of Object.values(exports)) {
      if (typeof strings !== 'object' || strings === null || Array.isArray(strings)) continue;
      for (const [key, value] of Object.entries(strings)) {
        const earlier = firstSeen.get(key);
        if (!earlier) firstSeen.set(key, { module, value });
        else if (earlier.value !== value && wording(earlier.value) !== wording(value)) clashes.push(`${key}: ${earlier.module} and ${module}`);
      }
    }
  }
  assert.deepEqual(clashes, []);
});

test('defaultStrings holds the wording each element shows', async () => {
  for (const module of await stringsModules()) {
    const exports: Record<string, unknown> = await import(new URL(module, `file://${source}`).href);
    for (const strings of Object.values(exports)) {
      if (typeof strings !== 'object' || strings === null || Array.isArray(strings)) continue;
      for (const [key, value] of Object.entries(strings)) {
        if (!(key in defaultStrings)) continue; // a module's own helper table, not a string
        assert.equal(wording(defaultStrings[key as keyof typeof defaultStrings]), wording(value), `${key} from ${module}`);
      }
    }
  }
});
