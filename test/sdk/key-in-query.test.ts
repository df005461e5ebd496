import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@talking-library/sdk';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Real fetch to the real server, keeping what each request sent. */
function recordingFetch() {
  const sent: { method: string; url: URL; headers: Headers }[] = [];
  const record: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: new URL(request.url), headers: request.headers });
    return fetch(request);
  };
  return { sent, fetch: record };
}

/** Headers a browser lets a cross-origin request carry without a preflight (Fetch standard). */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);

describe('the SDK with keyInQuery', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ seed: true })));
  after(() => server.close());

  test('sends the key as ?key= on GETs, and no header that would need a preflight', async () => {
    const { sent, fetch } = recordingFetch();
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, keyInQuery: true, fetch });
    const page = await client.profiles.list('demo', { limit: 2 });
    assert.equal(page.data.length, 2);
    await client.libraries.get('demo');
    assert.equal(sent.length, 2);
    for (const { method, url, headers } of sent) {
      assert.equal(method, 'GET');
      assert.equal(url.searchParams.get('key'), DEMO_PUBLISHABLE_KEY);
      assert.deepEqual([...headers.keys()].filter((name) => !SAFELISTED.has(name)), [], url.pathname);
    }
  });

  test('keeps the key in X-TL-Key on writes, which preflight anyway', async () => {
    const { sent, fetch } = recordingFetch();
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, keyInQuery: true, fetch });
    assert.equal((await client.emailLinks.request('demo', { email: 'query-key@example.test' })).status, 'accepted');
    assert.equal(sent[0]?.method, 'POST');
    assert.equal(sent[0]!.url.searchParams.has('key'), false);
    assert.equal(sent[0]!.headers.get('x-tl-key'), DEMO_PUBLISHABLE_KEY);
  });

  test('without the option, the key travels in X-TL-Key as before', async () => {
    const { sent, fetch } = recordingFetch();
    const client = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, fetch });
    await client.libraries.get('demo');
    assert.equal(sent[0]!.url.searchParams.has('key'), false);
    assert.equal(sent[0]!.headers.get('x-tl-key'), DEMO_PUBLISHABLE_KEY);
  });
});
