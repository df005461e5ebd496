/**
 * Which methods each path of the app answers, built once from its route table after every route
 * is mounted, so a wrong method on a real path is a 405 that says what would work.
 */
export function allowedMethods(routes: readonly { method: string; path: string }[]): (path: string) => string[] {
  const byPattern = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const entry = byPattern.get(route.path) ?? { pattern: toPattern(route.path), methods: new Set<string>() };
    entry.methods.add(route.method);
    // Hono answers HEAD with the GET route; CORS middleware answers OPTIONS everywhere.
    if (route.method === 'GET') entry.methods.add('HEAD');
    byPattern.set(route.path, entry);
  }
  const entries = [...byPattern.values()];
  return (path) => {
    const methods = new Set<string>();
    for (const entry of entries) if (entry.pattern.test(path)) for (const method of entry.methods) methods.add(method);
    return [...methods].sort();
  };
}

function toPattern(path: string): RegExp {
  const source = path
    .split(/(:\w+)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}
