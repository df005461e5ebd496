import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createClient } from '@libsql/client';
import { schema, startServer, type RunningServer } from '@talking-library/server';
import { findByEmail } from '../../server/src/domain/members.js';
import { findLibrary } from '../../server/src/domain/libraries.js';

const run = promisify(execFile);
// The built CLI, as an operator runs it (`npm test` builds first): a child process a command, and
// starting tsx for each of them would cost more than the commands do.
const cli = join(import.meta.dirname, '../../server/dist/cli.js');
let dir: string;
let databaseUrl: string;
/** A server on the same database file, to check what the commands did through HTTP. */
let server: RunningServer;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the talking-library CLI as a child process against the test's database file. */
function talkingLibrary(...args: string[]): Promise<Result> {
  return run(process.execPath, [cli, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', SECRET_KEY: '' },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: Result) => error,
  );
}

/** The value printed on a line of its own that starts with this prefix (pk_, sk_, jws_). */
const keyLine = (stdout: string, prefix: string) => stdout.split('\n').find((line) => line.startsWith(prefix))?.trim() ?? '';

async function newPartner(name: string, ...origins: string[]) {
  const res = await talkingLibrary('create-partner', '--library', 'commons', '--name', name, ...origins.flatMap((o) => ['--origin', o]));
  assert.equal(res.code, 0, res.stderr);
  return { id: /\((ptn_\w+)\)/.exec(res.stdout)![1]!, pk: keyLine(res.stdout, 'pk_'), sk: keyLine(res.stdout, 'sk_'), jwt: keyLine(res.stdout, 'jws_'), stdout: res.stdout };
}

const readLibrary = (slug: string, headers: Record<string, string>) => fetch(`${server.url}/v1/libraries/${slug}`, { headers });

before(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`);
  dir = await mkdtemp(join(tmpdir(), 'tl-cli-'));
  databaseUrl = `file:${join(dir, 'cli.db')}`;
  server = await startServer({ databaseUrl, port: 0, quiet: true, env: 'test' }, {});
  const created = await talkingLibrary('create-library', '--slug', 'commons', '--name', 'The Improvement Commons', '--phase', 'open');
  assert.equal(created.code, 0, created.stderr);
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('help and usage', () => {
  test('--help lists every command and exits 0; an unknown command is a usage error (exit 2)', async () => {
    const help = await talkingLibrary('--help');
    assert.equal(help.code, 0);
    for (const name of ['serve', 'migrate', 'seed', 'create-library', 'create-coordinator', 'create-partner', 'list-partners', 'rotate-partner', 'remove-partner', 'backup', 'export-library']) {
      assert.match(help.stdout, new RegExp(`^  ${name} `, 'm'), name);
    }
    const unknown = await talkingLibrary('make-coffee');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no command "make-coffee"/);
  });

  test('each command has --help with its options, exiting 0', async () => {
    const expected: Record<string, RegExp> = {
      'create-library': /--slug <slug> --name <name> \[--phase invite\|restricted\|open\]/,
      'create-partner': /--library <slug> --name <name> --origin <url>/,
      'list-partners': /--library <slug>/,
      'rotate-partner': /--partner <id> \[--keys publishable,secret,jwt\]/,
      'remove-partner': /--library <slug> --partner <id>/,
      'create-coordinator': /--library <slug> --email <address>/,
      backup: /--to <file>/,
      'export-library': /--library <slug> \[--to <file>\]/,
      worker: /\[--once\] \[--poll-seconds <n>\] \[--lease-seconds <n>\]/,
    };
    await Promise.all(
      Object.entries(expected).map(async ([name, synopsis]) => {
        const res = await talkingLibrary(name, '--help');
        assert.equal(res.code, 0, `${name}: ${res.stderr}`);
        assert.match(res.stdout, new RegExp(`^Usage: talking-library ${name} `));
        assert.match(res.stdout, synopsis, name);
      }),
    );
  });

  test('an unknown option or a missing value is a usage error naming it, with the command’s usage', async () => {
    const unknown = await talkingLibrary('create-library', '--slug', 'x', '--name', 'X', '--colour', 'red');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--colour'/);
    assert.match(unknown.stderr, /Usage: talking-library create-library/);
    const missing = await talkingLibrary('create-library', '--slug');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--slug/);
  });
});

describe('seed, create-library and create-coordinator', () => {
  test('seed loads the demo library once', async () => {
    const first = await talkingLibrary('seed');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Loaded the demo library|already there/);
    const second = await talkingLibrary('seed');
    assert.match(second.stdout, /already there/);
  });

  test('create-library makes a library with its phase, which the API then serves', async () => {
    const library = await findLibrary(server.db, 'commons');
    assert.equal(library.name, 'The Improvement Commons');
    assert.equal(library.phase, 'open');
    const defaulted = await talkingLibrary('create-library', '--slug', 'second', '--name', 'Second');
    assert.equal(defaulted.code, 0, defaulted.stderr);
    assert.equal((await findLibrary(server.db, 'second')).phase, 'invite');
  });

  test('create-library refuses a taken slug (exit 1) and bad or missing values (exit 2), naming the option', async () => {
    const taken = await talkingLibrary('create-library', '--slug', 'commons', '--name', 'Again');
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /slug "commons" exists already/);
    const slug = await talkingLibrary('create-library', '--slug', 'Not A Slug', '--name', 'X');
    assert.equal(slug.code, 2);
    assert.match(slug.stderr, /--slug: must be lower-case letters, digits and hyphens/);
    const phase = await talkingLibrary('create-library', '--slug', 'phased', '--name', 'X', '--phase', 'soon');
    assert.equal(phase.code, 2);
    assert.match(phase.stderr, /--phase: must be invite, restricted or open/);
    const name = await talkingLibrary('create-library', '--slug', 'nameless');
    assert.equal(name.code, 2);
    assert.match(name.stderr, /--name is required/);
  });

  test('create-coordinator makes the first coordinator of a library', async () => {
    const res = await talkingLibrary('create-coordinator', '--library', 'commons', '--email', 'First.Coordinator@Example.org', '--name', 'Funmi');
    assert.equal(res.code, 0, res.stderr);
    const member = await findByEmail(server.db, (await findLibrary(server.db, 'commons')).id, 'first.coordinator@example.org');
    assert.deepEqual(member?.roles, ['member', 'coordinator']);
    assert.equal(member?.name, 'Funmi');
  });

  test('create-coordinator explains what is missing or wrong', async () => {
    const missing = await talkingLibrary('create-coordinator', '--library', 'commons');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--email is required/);
    const email = await talkingLibrary('create-coordinator', '--library', 'commons', '--email', 'not-an-address');
    assert.equal(email.code, 2);
    assert.match(email.stderr, /--email: must be an email address/);
    const unknown = await talkingLibrary('create-coordinator', '--library', 'atlantis', '--email', 'a@example.org');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No library "atlantis"/);
  });
});

describe('partner sites', () => {
  test('create-partner prints the pk_, sk_ and JWT secret once, the pk_ on a line of its own, and they work', async () => {
    const partner = await newPartner('Commons site', 'https://commons.example', 'http://localhost:3000');
    assert.match(partner.pk, /^pk_[\w-]{40,}$/);
    assert.match(partner.sk, /^sk_[\w-]{40,}$/);
    assert.match(partner.jwt, /^jws_[\w-]{40,}$/);

    assert.equal((await readLibrary('commons', { 'x-tl-key': partner.pk, origin: 'https://commons.example' })).status, 200);
    assert.equal((await readLibrary('commons', { 'x-tl-key': partner.pk, origin: 'https://elsewhere.example' })).status, 403);
    const partners = await fetch(`${server.url}/v1/libraries/commons/partners`, { headers: { authorization: `Bearer ${partner.sk}` } });
    assert.equal(partners.status, 200);

    // The JWT secret the CLI sealed opens with the server's key: a member token signed with it signs in.
    const token = await new SignJWT({ email: 'ada@commons.example', name: 'Ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(partner.id)
      .setAudience('commons')
      .setSubject('ada')
      .setJti(crypto.randomUUID())
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(partner.jwt));
    const session = await fetch(`${server.url}/v1/libraries/commons/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.equal(session.status, 201, await session.clone().text());

    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, partner.id));
    assert.match(row!.jwtSecret, /^v1:/, 'stored sealed');
  });

  test('create-partner refuses a missing or bad origin (exit 2) and an unknown library (exit 1)', async () => {
    const none = await talkingLibrary('create-partner', '--library', 'commons', '--name', 'No origin');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--origin is required/);
    const path = await talkingLibrary('create-partner', '--library', 'commons', '--name', 'Path', '--origin', 'https://site.example/embed');
    assert.equal(path.code, 2);
    assert.match(path.stderr, /--origin "https:\/\/site.example\/embed": must be an origin/);
    const unknown = await talkingLibrary('create-partner', '--library', 'atlantis', '--name', 'X', '--origin', 'https://x.example');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No library "atlantis"/);
  });

  test('list-partners shows each partner’s id, origins and key hints, never a key', async () => {
    const partner = await newPartner('Listed site', 'https://listed.example');
    const list = await talkingLibrary('list-partners', '--library', 'commons');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${partner.id}  Listed site`));
    assert.match(list.stdout, /origins: https:\/\/listed\.example/);
    assert.match(list.stdout, new RegExp(`publishable …${partner.pk.slice(-4)}`));
    for (const secret of [partner.pk, partner.sk, partner.jwt]) assert.ok(!list.stdout.includes(secret));
    assert.equal((await talkingLibrary('list-partners')).code, 2);
  });

  test('rotate-partner replaces the named keys at once: the old pk_ stops working, the new one works', async () => {
    const partner = await newPartner('Rotated site', 'https://rotated.example');
    const rotated = await talkingLibrary('rotate-partner', '--library', 'commons', '--partner', partner.id, '--keys', 'publishable');
    assert.equal(rotated.code, 0, rotated.stderr);
    const fresh = keyLine(rotated.stdout, 'pk_');
    assert.match(fresh, /^pk_/);
    assert.equal(keyLine(rotated.stdout, 'sk_'), '', 'only the named key is new');
    const origin = 'https://rotated.example';
    assert.equal((await readLibrary('commons', { 'x-tl-key': partner.pk, origin })).status, 401);
    assert.equal((await readLibrary('commons', { 'x-tl-key': fresh, origin })).status, 200);

    const bad = await talkingLibrary('rotate-partner', '--library', 'commons', '--partner', partner.id, '--keys', 'publishable,door');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--keys: name publishable, secret or jwt/);
    const unknown = await talkingLibrary('rotate-partner', '--library', 'commons', '--partner', 'ptn_doesnotexist0');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No partner "ptn_doesnotexist0"/);
  });

  test('remove-partner marks the partner removed; it leaves the list, and removing it again or an unknown partner is exit 1', async () => {
    const partner = await newPartner('Removed site', 'https://removed.example');
    const removed = await talkingLibrary('remove-partner', '--library', 'commons', '--partner', partner.id);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /its keys no longer work/);
    const [row] = await server.db.select().from(schema.partners).where(eq(schema.partners.id, partner.id));
    assert.ok(row!.removedAt, 'removed_at is set');
    const again = await talkingLibrary('remove-partner', '--library', 'commons', '--partner', partner.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No partner/);
    const listed = await talkingLibrary('list-partners', '--library', 'commons');
    assert.doesNotMatch(listed.stdout, new RegExp(partner.id));
    const unknown = await talkingLibrary('remove-partner', '--library', 'commons', '--partner', 'ptn_doesnotexist0');
    assert.equal(unknown.code, 1);
    const badId = await talkingLibrary('remove-partner', '--library', 'commons', '--partner', 'nope');
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /--partner: must be an id starting with ptn_/);
  });
});

describe('backup and export-library', () => {
  test('backup writes a consistent, checked copy of the live database, mode 0600', async () => {
    const target = join(dir, 'backup.db');
    // Writes go on through the running server while the copy is made.
    const writing = Promise.all(Array.from({ length: 5 }, (_, i) => talkingLibrary('create-coordinator', '--library', 'commons', '--email', `busy${i}@example.org`)));
    const res = await talkingLibrary('backup', '--to', target);
    await writing;
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /integrity check: ok/);
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    const copy = createClient({ url: `file:${target}` });
    try {
      assert.equal((await copy.execute('PRAGMA integrity_check')).rows[0]![0], 'ok');
      const { rows } = await copy.execute("SELECT name FROM libraries WHERE slug = 'commons'");
      assert.equal(rows[0]![0], 'The Improvement Commons');
    } finally {
      copy.close();
    }
  });

  test('backup never overwrites a file (exit 1) and needs --to (exit 2)', async () => {
    const target = join(dir, 'precious.txt');
    await writeFile(target, 'keep me');
    const res = await talkingLibrary('backup', '--to', target);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /exists already; backup never overwrites a file/);
    assert.equal(await readFile(target, 'utf8'), 'keep me');
    assert.equal((await talkingLibrary('backup')).code, 2);
  });

  test('export-library writes the library, taxonomy, profiles, partners without secrets and members without sessions', async () => {
    const partner = await newPartner('Exported site', 'https://exported.example');
    const target = join(dir, 'commons.json');
    const res = await talkingLibrary('export-library', '--library', 'commons', '--to', target);
    assert.equal(res.code, 0, res.stderr);
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    const text = await readFile(target, 'utf8');
    const exported = JSON.parse(text);
    assert.equal(exported.library.slug, 'commons');
    assert.deepEqual(Object.keys(exported.taxonomy), ['categories', 'skills']);
    assert.ok(Array.isArray(exported.profiles));
    assert.ok(exported.partners.some((p: { id: string }) => p.id === partner.id));
    assert.ok(exported.members.some((m: { email: string }) => m.email === 'first.coordinator@example.org'));
    for (const secret of [partner.pk, partner.sk, partner.jwt]) assert.ok(!text.includes(secret), 'no key in the export');
    assert.doesNotMatch(text, /jwtSecret|KeyHash|tokenHash|"v1:/);

    const demo = await talkingLibrary('export-library', '--library', 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    const demoExport = JSON.parse(demo.stdout);
    assert.ok(demoExport.profiles.length > 0 && demoExport.taxonomy.categories.length === 3);
    assert.ok(demoExport.profiles[0].stories.length > 0, 'profiles come with their stories');

    const again = await talkingLibrary('export-library', '--library', 'commons', '--to', target);
    assert.equal(again.code, 1);
    const unknown = await talkingLibrary('export-library', '--library', 'atlantis');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No library "atlantis"/);
  });
});
