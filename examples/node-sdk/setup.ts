/**
 * Registers the example as a partner site of a development server's library and prints the
 * environment it needs. Development only: it signs in as the demo coordinator.
 *
 *   node --import tsx examples/node-sdk/setup.ts > examples/node-sdk/.env
 */
import { pathToFileURL } from 'node:url';
import { createClient } from '@talking-library/sdk';

export interface ExamplePartnerOptions {
  api: string;
  library: string;
  /** Where the partner page is served; the publishable key works only from here. */
  origin: string;
}

/** Creates a partner for `origin` and returns the example's environment variables. */
export async function createExamplePartner({ api, library, origin }: ExamplePartnerOptions): Promise<Record<string, string>> {
  // In production a coordinator signs in for real, or an existing partner uses its `sk_` key.
  const { sessionToken } = await createClient({ baseUrl: api }).sessions.demo(library, 'coordinator');
  const coordinator = createClient({ baseUrl: api, sessionToken });
  // The keys are in this response only: the library keeps just their hashes.
  const partner = await coordinator.partners.create(library, { name: `Node SDK example (${origin})`, allowedOrigins: [origin] });
  await coordinator.sessions.end(library);
  return {
    TL_API: api,
    TL_LIBRARY: library,
    TL_PARTNER_ID: partner.id,
    TL_PUBLISHABLE_KEY: partner.publishableKey,
    TL_JWT_SECRET: partner.jwtSecret,
    TL_SECRET_KEY: partner.secretKey,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = process.env.PORT ?? '3000';
  const env = await createExamplePartner({
    api: process.env.TL_API ?? 'http://localhost:8787',
    library: process.env.TL_LIBRARY ?? 'demo',
    origin: `http://localhost:${port}`,
  });
  console.log(`# Secrets: keep this file out of version control.\nPORT=${port}`);
  for (const [name, value] of Object.entries(env)) console.log(`${name}=${value}`);
}
