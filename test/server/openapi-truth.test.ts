import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';
import { demoSession } from '../helpers/callers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
// Offline and quiet: no telemetry, no update check.
const toolEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** What the test's generated-client module exports, for the call against the real server. */
interface GeneratedClient {
  whoAmI(baseUrl: string, sessionToken: string): Promise<{ roles: string[]; email: string }>;
  addInvite(baseUrl: string, sessionToken: string, email: string, key: string): Promise<string>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

describe('the OpenAPI document tells the truth', () => {
  let server: TestServer;
  let doc: any;
  let operations: { method: string; path: string; op: any }[];
  // Inside the repository, so the generated client resolves openapi-fetch from node_modules.
  const work = join(repoRoot, '.tmp', `openapi-${process.pid}`);
  before(async () => {
    server = await startTestServer({ seed: true });
    doc = (await server.request('/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
    );
    await mkdir(work, { recursive: true });
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  test('names its credentials as security schemes, and each operation says which prove its access', () => {
    assert.deepEqual(doc.components.securitySchemes.publishableKey, { type: 'apiKey', in: 'header', name: 'X-TL-Key', description: doc.components.securitySchemes.publishableKey.description });
    assert.deepEqual(doc.components.securitySchemes.publishableKeyInQuery, { type: 'apiKey', in: 'query', name: 'key', description: doc.components.securitySchemes.publishableKeyInQuery.description });
    assert.equal(doc.components.securitySchemes.sessionToken.type, 'http');
    assert.equal(doc.components.securitySchemes.sessionToken.scheme, 'bearer');
    assert.equal(doc.components.securitySchemes.secretKey.scheme, 'bearer');
    assert.match(doc.components.securitySchemes.secretKey.description, /sk_/);
    const expected: Record<string, string[]> = {
      public: [],
      key: ['publishableKey', 'sessionToken', 'secretKey'],
      member: ['sessionToken'],
      coordinator: ['sessionToken'],
      'coordinator-or-secret': ['sessionToken', 'secretKey'],
      'coordinator-or-own-partner': ['sessionToken', 'secretKey'],
    };
    for (const { method, path, op } of operations) {
      assert.ok(op['x-access'], `${method} ${path} has x-access`);
      // Reads take the publishable key in the query too (so they need no preflight); writes do not.
      const schemes = method === 'get' && op['x-access'] === 'key' ? ['publishableKey', 'publishableKeyInQuery', 'sessionToken', 'secretKey'] : expected[op['x-access']];
      assert.deepEqual(op.security.map((s: object) => Object.keys(s)[0]), schemes, `${method} ${path}`);
    }
    assert.deepEqual(doc.paths['/v1/libraries/{lib}/me'].get.security, [{ sessionToken: [] }]);
  });

  test('documents every status the server can answer where it can occur', () => {
    for (const { method, path, op } of operations) {
      const statuses = Object.keys(op.responses).map(Number);
      const where = `${method.toUpperCase()} ${path}`;
      // Credentials are read on every route, a wrong method is 405 on every path, anything can break.
      for (const status of [401, 403, 405, 500]) assert.ok(statuses.includes(status), `${where} documents ${status}`);
      if (op.requestBody) for (const status of [400, 413, 415]) assert.ok(statuses.includes(status), `${where} documents ${status}`);
      if (op.parameters?.some((p: any) => p.in === 'path')) assert.ok(statuses.includes(404), `${where} documents 404`);
      if (op.parameters?.some((p: any) => p.name === 'If-Match')) assert.ok(statuses.includes(412), `${where} documents 412`);
      if (UNSAFE.has(method)) {
        for (const status of [400, 409, 422, 429]) assert.ok(statuses.includes(status), `${where} documents ${status}`);
        assert.match(op.responses[409].description, /request_in_progress/, where);
        assert.match(op.responses[422].description, /idempotency_key_reused/, where);
        assert.ok(op.responses[429].headers['Retry-After'], where);
      }
      // The health check's 503 is its own JSON report; every other error is a problem.
      for (const status of statuses.filter((s) => s >= 400 && s !== 503)) assert.ok(op.responses[status].content['application/problem+json'], `${where} ${status} is a problem`);
    }
  });

  test('every write takes an Idempotency-Key header, and no read does', () => {
    const parameter = doc.components.parameters.IdempotencyKey;
    assert.equal(parameter.name, 'Idempotency-Key');
    assert.equal(parameter.in, 'header');
    assert.equal(parameter.schema.maxLength, 255);
    for (const { method, path, op } of operations) {
      const hasKey = (op.parameters ?? []).some((p: any) => p.$ref === '#/components/parameters/IdempotencyKey');
      assert.equal(hasKey, UNSAFE.has(method), `${method} ${path}`);
    }
  });

  test('facets is a boolean, email fields are email addresses, and servers and license are given', async () => {
    const facets = doc.paths['/v1/libraries/{lib}/profiles'].get.parameters.find((p: any) => p.name === 'facets');
    assert.equal(facets.schema.type, 'boolean');
    for (const name of ['Member', 'EmailLinkRequest', 'EmailCodeVerify', 'Invite', 'InviteCreate']) {
      assert.equal(doc.components.schemas[name].properties.email.format, 'email', name);
    }
    assert.ok(doc.servers.length > 0 && doc.servers.every((s: any) => typeof s.url === 'string' && s.url.length > 0));
    const serverPackage = JSON.parse(await readFile(join(repoRoot, 'server', 'package.json'), 'utf8'));
    assert.equal(doc.info.license.identifier, serverPackage.license);
  });

  test('passes Redocly’s recommended rules with no errors', async () => {
    const file = join(work, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const { stdout } = await run(bin('redocly'), ['lint', file, '--format=json'], { cwd: repoRoot, env: toolEnv });
    const report = JSON.parse(stdout);
    const errors = report.problems.filter((p: any) => p.severity === 'error').map((p: any) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
    assert.deepEqual(errors, []);
    assert.equal(report.totals.errors, 0);
  });

  test('a client generated by openapi-typescript type-checks and calls an authenticated operation with its credentials', async () => {
    // A .ts, not a .d.ts, so the generated types themselves are checked while the libraries' are skipped.
    await writeFile(join(work, 'schema.ts'), astToString(await openapiTS(doc)));
    await writeFile(
      join(work, 'me.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

/** The signed-in member, through the generated types: a bearer session proves the member access. */
export async function whoAmI(baseUrl: string, sessionToken: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${sessionToken}\` } });
  const { data, error, response } = await client.GET('/v1/libraries/{lib}/me', { params: { path: { lib: 'demo' } } });
  if (error) throw new Error(\`\${response.status} \${error.code}\`);
  const roles: ('member' | 'expert' | 'coordinator')[] = data.roles;
  const email: string = data.email;
  // @ts-expect-error the generated types know the member has no such field
  void data.password;
  // @ts-expect-error nor does the route take a {library} parameter
  void client.GET('/v1/libraries/{lib}/me', { params: { path: { library: 'demo' } } });
  return { roles, email };
}

/** A write with its Idempotency-Key, as the document declares it. */
export async function addInvite(baseUrl: string, sessionToken: string, email: string, key: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${sessionToken}\` } });
  const { data, error } = await client.POST('/v1/libraries/{lib}/invites', { params: { path: { lib: 'demo' }, header: { 'Idempotency-Key': key } }, body: { email } });
  if (error) throw new Error(error.code);
  return data.id;
}
`,
    );
    await writeFile(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: true, noUncheckedIndexedAccess: true },
        files: ['me.ts', 'schema.ts'],
      }),
    );
    await writeFile(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    await run(bin('tsc'), ['-p', join(work, 'tsconfig.json')], { cwd: work, env: toolEnv }).catch((error: { stdout?: string }) => {
      assert.fail(`the generated client does not type-check:\n${error.stdout}`);
    });

    const client = (await import(pathToFileURL(join(work, 'me.ts')).href)) as GeneratedClient;
    const coordinator = await demoSession(server, 'coordinator');
    const me = await client.whoAmI(server.url, coordinator);
    assert.ok(me.roles.includes('coordinator'));
    await assert.rejects(client.whoAmI(server.url, 'tls_not_a_session'), /401 session_expired/);
    const first = await client.addInvite(server.url, coordinator, 'generated.client@example.org', 'generated-client-1');
    assert.equal(await client.addInvite(server.url, coordinator, 'generated.client@example.org', 'generated-client-1'), first);
  });
});
