import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { send } from '../helpers/callers.js';
import { INJECTION as PAYLOAD } from '../helpers/injection.js';
import { expertWithProfile } from '../helpers/profiles.js';
import { startTestServer, type TestServer } from '../helpers/server.js';


let server: TestServer;
before(async () => (server = await startTestServer({ seed: true })));
after(() => server.close());

test('a profile full of markup and script comes back from the API exactly as written', async () => {
  const fields = {
    displayName: `N ${PAYLOAD}`.slice(0, 80),
    pronouns: `she/${PAYLOAD}`.slice(0, 30),
    headline: `Headline ${PAYLOAD}`,
    bio: `Bio ${PAYLOAD}`,
    stories: [{ title: `Story ${PAYLOAD}`, body: `Body ${PAYLOAD}` }],
    links: [{ label: `Link ${PAYLOAD}`.slice(0, 60), url: 'https://example.org/?q=<script>' }],
  };
  const { profile, expert } = await expertWithProfile(server, fields);
  for (const res of [await server.read(`/v1/libraries/demo/profiles/${profile.id}`), await server.request('/v1/libraries/demo/me/profile', send('GET', undefined, expert))]) {
    assert.equal(res.body.displayName, fields.displayName);
    assert.equal(res.body.pronouns, fields.pronouns);
    assert.equal(res.body.headline, fields.headline);
    assert.equal(res.body.bio, fields.bio);
    assert.deepEqual(res.body.stories.map(({ title, body }: any) => ({ title, body })), fields.stories);
    assert.equal(res.body.links[0].label, fields.links[0]!.label);
  }
  const found = await server.read('/v1/libraries/demo/profiles?q=onerror');
  const hit = found.body.data.find((p: any) => p.id === profile.id);
  assert.ok(hit, 'searchable by words inside the markup');
  assert.equal(hit.headline, fields.headline);
  assert.ok(hit.snippet.every((s: any) => typeof s.text === 'string'), 'snippets are text segments, not HTML');
});
