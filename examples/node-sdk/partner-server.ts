/**
 * A stand-in for a partner site's back end: it has its own signed-in users, and signs them into
 * the Talking Library. How to run it: README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { ApiError, createClient } from '@talking-library/sdk';
import { mintMemberToken, type SiteUser } from './mint-member-token.js';

export interface PartnerSiteConfig {
  /** The Talking Library API, such as `http://localhost:8787`. */
  api: string;
  library: string;
  partnerId: string;
  /** Never sent to a browser. */
  jwtSecret: string;
  /** `pk_…`: safe in the page, on the partner's allowed origins. */
  publishableKey: string;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): PartnerSiteConfig {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`Set ${name} (examples/node-sdk/setup.ts prints the lines to use).`);
    return value;
  };
  return {
    api: env.TL_API ?? 'http://localhost:8787',
    library: env.TL_LIBRARY ?? 'demo',
    partnerId: need('TL_PARTNER_ID'),
    jwtSecret: need('TL_JWT_SECRET'),
    publishableKey: need('TL_PUBLISHABLE_KEY'),
  };
}

/** The site's own accounts. A real site reads the user from its session cookie instead. */
const USERS: Record<string, SiteUser> = {
  ada: { id: 'user-1001', email: 'ada.okafor@partner.example', name: 'Ada Okafor' },
  ben: { id: 'user-1002', email: 'ben.shah@partner.example', name: 'Ben Shah' },
};

function signedInUser(req: IncomingMessage): SiteUser | undefined {
  const who = new URL(req.url ?? '/', 'http://localhost').searchParams.get('user') ?? 'ada';
  return USERS[who];
}

export function createPartnerServer(config: PartnerSiteConfig): Server {
  const talkingLibrary = createClient({ baseUrl: config.api });
  const tokenFor = (user: SiteUser) =>
    mintMemberToken({ partnerId: config.partnerId, jwtSecret: config.jwtSecret, library: config.library, user });

  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const user = signedInUser(req);
    try {
      if (req.method !== 'GET' || (path !== '/' && path !== '/api/library-session')) return send(res, 404, 'text/plain', 'Not found');
      if (!user) return send(res, 401, 'text/plain', 'Sign in to the partner site first.');

      // This back end trades a fresh member token for a session; the page only ever sees the session.
      const session = await talkingLibrary.sessions.exchange(config.library, await tokenFor(user));
      // Either in the page it renders (the element's member-token)…
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', page(config, user, session.sessionToken));
      // …or from an endpoint the page's script calls (the element's getSessionToken).
      return send(res, 200, 'application/json', JSON.stringify({ sessionToken: session.sessionToken, expiresAt: session.expiresAt }));
    } catch (error) {
      // Pass the library's reason on (its `code` says which check failed), never a stack trace.
      const code = error instanceof ApiError ? error.code : 'partner_error';
      console.error(error);
      return send(res, 502, 'application/json', JSON.stringify({ error: code }));
    }
  });
}

function page(config: PartnerSiteConfig, user: SiteUser, sessionToken: string): string {
  const attr = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Find an expert — Partner site</title>
    <script type="module" src="${attr(new URL('/widget/talking-library.js', config.api).href)}"></script>
  </head>
  <body>
    <p>Signed in to the partner site as ${attr(user.name)}. <a href="/?user=${user === USERS.ada ? 'ben' : 'ada'}">Switch user</a></p>
    <talking-library
      api="${attr(config.api)}"
      library="${attr(config.library)}"
      publishable-key="${attr(config.publishableKey)}"
      member-token="${attr(sessionToken)}"
    ></talking-library>
  </body>
</html>
`;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  // Tokens and sessions are per person and per moment: nothing here may be cached.
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createPartnerServer(configFromEnv()).listen(port, () => console.log(`Partner site on http://localhost:${port}/ (try ?user=ben)`));
}
