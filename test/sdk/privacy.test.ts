import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuthenticationError, ConflictError, createClient, NotFoundError, UnprocessableEntityError, type TalkingLibraryClient } from '@talking-library/sdk';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let anonymous: TalkingLibraryClient;

before(async () => {
  server = await startTestServer({ seed: true, worker: false });
  anonymous = createClient({ baseUrl: server.url });
});
after(() => server.close());

/** A client signed in as a new member of the demo library, by the emailed code as a person would. */
async function newMember(): Promise<TalkingLibraryClient> {
  const email = `privacy-${Math.random().toString(36).slice(2)}@example.org`;
  await anonymous.emailLinks.request('demo', { email });
  const code = /\b(\d{6})\b/.exec(server.outbox!.messages.findLast((m) => m.to === email)!.subject)![1]!;
  const session = await anonymous.emailLinks.verify('demo', { email, code });
  return createClient({ baseUrl: server.url, sessionToken: session.sessionToken });
}

test('SDK: consent to the wording shown, answer, read back, withdraw: the answers are gone', async () => {
  const client = await newMember();
  const [equality] = (await client.account.consents('demo')).data;
  assert.equal(equality!.purpose, 'equality_monitoring');
  await assert.rejects(client.account.answerEquality('demo', { ethnicCategory: 'N', gender: 'woman', disability: 'no' }), (error: unknown) => error instanceof ConflictError && error.code === 'consent_required');
  await assert.rejects(client.account.giveConsent('demo', 'equality_monitoring', 'not-the-wording'), UnprocessableEntityError);
  const given = await client.account.giveConsent('demo', 'equality_monitoring', equality!.wording.version);
  assert.equal(given.given, true);
  const answers = await client.account.answerEquality('demo', { ethnicCategory: 'N', gender: 'woman', disability: 'prefer_not_to_say' });
  assert.deepEqual(await client.account.equalityAnswers('demo'), answers);
  await client.account.withdrawConsent('demo', 'equality_monitoring');
  await assert.rejects(client.account.equalityAnswers('demo'), NotFoundError);
});

test('SDK: export her data, then erase her account: the session ends with it', async () => {
  const client = await newMember();
  await client.account.update('demo', { name: 'Ada Privacy' });
  const data = await client.account.exportData('demo');
  assert.equal(data.member.name, 'Ada Privacy');
  assert.equal(data.profile, null);
  await client.account.erase('demo');
  await assert.rejects(client.account.get('demo'), AuthenticationError);
});
