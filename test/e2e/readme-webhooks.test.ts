import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { silentLogger } from '@talking-library/server';
import { secretBox } from '../../server/src/domain/secret-box.js';
import { deliverDueWebhooks } from '../../server/src/domain/webhooks.js';
import { bearer, demoSession, send } from '../helpers/callers.js';
import { codeBlocks, onlyBlock, readmeSection, REPO_ROOT } from '../helpers/readme.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const README_PORT = 'listen(3000)';

let server: TestServer;
let dir: string;
let receiver: ChildProcess | undefined;
before(async () => {
  server = await startTestServer({ seed: true, secretKey: SECRET_KEY });
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'readme-webhooks-'));
});
after(async () => {
  if (receiver?.exitCode === null) {
    const exited = new Promise((resolve) => receiver!.once('exit', resolve));
    receiver.kill();
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
  await server.close();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('the README’s Node receiver, run as written, verifies our messages and refuses a forged one', async () => {
  const snippet = onlyBlock(codeBlocks(await readmeSection('Webhooks')), 'ts', '"Webhooks"');
  assert.ok(snippet.includes(README_PORT), `the receiver listens as the README says: ${README_PORT}`);
  const port = await freePort();
  const file = join(dir, 'receiver.mts');
  // Only the port changes, so the test does not take a port someone else may be using.
  await writeFile(file, snippet.replace(README_PORT, `listen(${port}, '127.0.0.1')`));

  const coordinator = bearer(await demoSession(server, 'coordinator'));
  const partner = await server.request('/v1/libraries/demo/partners', send('POST', { name: 'README receiver', webhookUrl: `http://127.0.0.1:${port}/` }, coordinator));
  assert.match(partner.body.webhookSecret, /^whsec_/);

  receiver = spawn(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, env: { ...process.env, TALKING_LIBRARY_WEBHOOK_SECRET: partner.body.webhookSecret } });
  let stdout = '';
  receiver.stdout!.on('data', (chunk) => (stdout += chunk));
  // Up once it answers: a forged message (no signature) must be a 400.
  let forged: Response | undefined;
  for (let tries = 0; !forged && tries < 200; tries++) {
    forged = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{"type":"exchange.completed"}' }).catch(() => new Promise<undefined>((resolve) => setTimeout(resolve, 50)));
  }
  assert.equal(forged?.status, 400);

  const queued = await server.request(`/v1/libraries/demo/partners/${partner.body.id}/webhook-test`, send('POST', undefined, coordinator));
  await deliverDueWebhooks({ db: server.db, secretBox: secretBox(SECRET_KEY), logger: silentLogger, env: 'test' }, { now: new Date(), owner: 'readme' });
  const log = await server.request(`/v1/libraries/demo/partners/${partner.body.id}/webhook-deliveries`, { headers: coordinator });
  const [delivery] = log.body.data;
  assert.deepEqual([delivery.id, delivery.status, delivery.lastStatusCode], [queued.body.id, 'delivered', 204]);
  assert.match(stdout, /^webhook\.test /m);
});
