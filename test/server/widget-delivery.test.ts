import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { demoKey } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The widget's files as a partner page's browser receives them. Raw HTTP, so the test sees the
 * bytes and headers on the wire rather than what a client decoded.
 */
let server: TestServer;
let chunk: string;
before(async () => {
  server = await startTestServer({ seed: true, partnerSite: true });
  const chunks = await readdir(new URL('../../widget/dist/cdn/chunks/', import.meta.url));
  chunk = chunks.find((name) => name.startsWith('talking-library-') && name.endsWith('.js'))!;
  assert.ok(chunk, 'run `npm run build` first: no <talking-library> chunk in widget/dist/cdn/chunks');
});
after(() => server.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('chunk files are named by their content hash', async () => {
  const chunks = (await readdir(new URL('../../widget/dist/cdn/chunks/', import.meta.url))).filter((name) => name.endsWith('.js'));
  assert.ok(chunks.length >= 5);
  for (const name of chunks) assert.match(name, /-[A-Z0-9]{8}\.js$/, name);
});

test('the loader comes brotli-compressed to a browser that accepts it, briefly cached, with an ETag', async () => {
  const res = await get('/widget/talking-library.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'br');
  assert.match(String(res.headers.vary), /Accept-Encoding/);
  assert.equal(res.headers['cache-control'], 'public, max-age=300');
  assert.match(String(res.headers['content-type']), /^text\/javascript/);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  assert.match(brotliDecompressSync(res.body).toString(), /customElements/);
  assert.match(String(res.headers.etag), /^"[\w-]+-br"$/);
});

test('the loader answers 304 to a browser that has it, whatever encoding it got it in', async () => {
  const first = await get('/widget/talking-library.js', { 'accept-encoding': 'gzip' });
  assert.equal(first.headers['content-encoding'], 'gzip');
  const again = await get('/widget/talking-library.js', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['cache-control'], 'public, max-age=300');
});

test('hashed chunks are cached for a year as immutable, gzip for a browser without brotli', async () => {
  const res = await get(`/widget/chunks/${chunk}`, { 'accept-encoding': 'gzip;q=1, br;q=0' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.match(gunzipSync(res.body).toString(), /talking-library|customElements|shadowRoot|html/);
});

test('a client that asks for no encoding gets the plain file', async () => {
  const res = await get(`/widget/chunks/${chunk}`, { 'accept-encoding': 'identity' });
  assert.equal(res.headers['content-encoding'], undefined);
  assert.match(String(res.headers.vary), /Accept-Encoding/);
});

test('paths outside the widget build are not served', async () => {
  for (const path of ['/widget/../package.json', '/widget/%2e%2e/%2e%2e/package.json', '/widget/metafile-esm.json', '/widget/chunks/nothing-here.js']) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('API JSON travels compressed when the client accepts it', async () => {
  const res = await get('/v1/libraries/demo/profiles?limit=20', { ...demoKey, 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.equal(JSON.parse(gunzipSync(res.body).toString()).data.length, 20);
});

test('a JSON answer under 1 KiB travels as it is, still marked as varying by Accept-Encoding', async () => {
  const res = await get('/v1/health', { 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], undefined);
  assert.match(String(res.headers['vary']), /accept-encoding/i);
  assert.equal(JSON.parse(res.body.toString()).status, 'ok');
});

test('API JSON travels plain to a client that refuses gzip, and compressed to one that accepts any encoding', async () => {
  const plain = await get('/v1/libraries/demo/profiles?limit=20', { ...demoKey, 'accept-encoding': 'gzip;q=0, identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(String(plain.headers['vary']), /accept-encoding/i);
  assert.equal(JSON.parse(plain.body.toString()).data.length, 20);
  const any = await get('/v1/libraries/demo/profiles?limit=20', { ...demoKey, 'accept-encoding': '*' });
  assert.equal(any.headers['content-encoding'], 'gzip');
  assert.equal(JSON.parse(gunzipSync(any.body).toString()).data.length, 20);
});
