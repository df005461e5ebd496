import { cloudflareClientIp, ConfigError, createEdgeHandler, type EdgeEnv } from '@talking-library/server/edge';
import { httpMailer } from './http-mailer.js';

/**
 * The Talking Library API as a Cloudflare Worker. Everything it needs comes from the bindings in
 * wrangler.toml and the secrets set with `wrangler secret put`: DATABASE_URL (a libSQL server or
 * Turso, migrated from a machine with Node), DATABASE_AUTH_TOKEN, SECRET_KEY, PUBLIC_URL, and the
 * mail API (MAIL_API_URL, MAIL_API_TOKEN, MAIL_FROM). Every instance is stateless: rate limits,
 * sessions and idempotency keys live in the database they share.
 */
export default createEdgeHandler({
  mailer: mailerFromBindings,
  clientIp: cloudflareClientIp,
});

function mailerFromBindings(env: EdgeEnv) {
  const { MAIL_API_URL: url, MAIL_API_TOKEN: token, MAIL_FROM: from } = env;
  if (typeof url !== 'string' || typeof token !== 'string' || typeof from !== 'string' || !url || !token || !from) {
    throw new ConfigError('Sign-in mail needs MAIL_API_URL and MAIL_FROM in wrangler.toml and the secret MAIL_API_TOKEN (`wrangler secret put MAIL_API_TOKEN`).');
  }
  return httpMailer({ url, token, from });
}
