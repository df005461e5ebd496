import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

/** Hashed chunks never change under their name: a browser may keep them as long as it likes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The loader keeps its name across deploys: browsers check back soon, and a 304 costs little. */
const LOADER = 'public, max-age=300';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json; charset=utf-8' };
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

interface CachedFile {
  mtimeMs: number;
  hash: string;
  bodies: Partial<Record<'identity' | 'br' | 'gzip', Buffer>>;
}

/**
 * Serves the widget's build (`widget/dist/cdn`) to partner pages on any origin: each file in the
 * encoding the browser accepts, from the brotli and gzip copies the build wrote beside it; chunks
 * cached for a year, since their names carry their content's hash; the loader briefly, with an
 * ETag, so a deploy reaches browsers within minutes.
 */
export function serveWidgetFiles(options: { root: string; prefix: string }): MiddlewareHandler {
  const cache = new Map<string, CachedFile>();
  return async (c, next) => {
    const relative = normalize(decodeURIComponent(c.req.path.slice(options.prefix.length)));
    const type = TYPES[extname(relative)];
    if (!type || relative.startsWith('..') || relative.includes(`${sep}..`) || relative.startsWith(sep)) return next();
    const file = await load(cache, join(options.root, relative));
    if (!file) return next();

    const encoding = chooseEncoding(c.req.header('accept-encoding') ?? '', file);
    const etag = `"${file.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': relative.startsWith(`chunks${sep}`) ? IMMUTABLE : LOADER,
      etag,
      vary: 'Accept-Encoding',
      // Module scripts from another origin load only with CORS; these files are public.
      'access-control-allow-origin': '*',
    };
    if (matches(c.req.header('if-none-match'), file.hash)) return c.body(null, 304, headers);
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    return c.body(new Uint8Array(file.bodies[encoding]!), 200, headers);
  };
}

async function load(cache: Map<string, CachedFile>, path: string): Promise<CachedFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const cached = cache.get(path);
  if (cached?.mtimeMs === info.mtimeMs) return cached;
  const identity = await readFile(path);
  const bodies: CachedFile['bodies'] = { identity };
  for (const { name, suffix } of ENCODINGS) {
    const body = await readFile(path + suffix).catch(() => undefined);
    if (body) bodies[name] = body;
  }
  const file = { mtimeMs: info.mtimeMs, hash: createHash('sha256').update(identity).digest('base64url').slice(0, 22), bodies };
  cache.set(path, file);
  return file;
}

/** The best encoding the browser accepts (q > 0) that the build wrote a copy in. */
function chooseEncoding(acceptEncoding: string, file: CachedFile): 'br' | 'gzip' | 'identity' {
  const accepted = new Map(
    acceptEncoding.split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  for (const { name } of ENCODINGS) if ((accepted.get(name) ?? 0) > 0 && file.bodies[name]) return name;
  return 'identity';
}

/** If-None-Match compares weakly: any encoding's tag of the same content is a match. */
function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '') === hash);
}
