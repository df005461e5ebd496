import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the OpenAPI document and reference', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  test('is OpenAPI 3.1 and lists every route the app serves', async () => {
    const res = await server.request('/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const served = server.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    assert.ok(served.length >= 6);
    for (const route of served) assert.ok(documented.has(route), `${route} is missing from the OpenAPI document`);
    for (const route of documented) assert.ok(served.includes(route), `${route} is documented but not served`);
  });

  test('documents each error as a problem and each schema as a component', async () => {
    const { body } = await server.request('/openapi.json');
    const list = body.paths['/v1/libraries/{lib}/profiles'].get;
    assert.ok(list.responses['400'].content['application/problem+json']);
    assert.deepEqual(list.parameters.map((p: any) => p.name).sort(), ['availableWithinDays', 'careerStage', 'category', 'cursor', 'facets', 'language', 'lib', 'limit', 'q', 'skill']);
    for (const name of ['Problem', 'Library', 'Profile', 'ProfileSearchPage', 'Health']) assert.ok(body.components.schemas[name], name);
  });

  test('the reference page renders every operation under a strict policy', async () => {
    const res = await server.request('/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    for (const path of ['/v1/health', '/v1/libraries/{lib}', '/v1/libraries/{lib}/profiles', '/v1/libraries/{lib}/profiles/{id}']) {
      assert.ok(res.body.includes(`${path}</h3>`), `${path} is on the page`);
    }
    assert.match(res.body, /Who may call: a coordinator of the library/);
    assert.match(res.body, /<code>Idempotency-Key<\/code><\/td><td>header/, 'shared parameters are resolved');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });
});
