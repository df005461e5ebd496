import { ApiError, createClient } from '@talking-library/sdk';

/** A partner's bindings: where the library is, which one, and the partner's `sk_` key (a secret). */
interface PartnerEnv {
  LIBRARY_API: string;
  LIBRARY: string;
  LIBRARY_SECRET_KEY: string;
}

/**
 * A partner site's own Worker reading its library with the SDK: `GET /experts` answers the
 * library's name and its published experts, for the site to render however it likes. The SDK
 * needs nothing but `fetch`, so it runs here as it does in Node and in browsers.
 */
export default {
  async fetch(request: Request, env: PartnerEnv): Promise<Response> {
    if (new URL(request.url).pathname !== '/experts') return new Response('Not found', { status: 404 });
    const client = createClient({ baseUrl: env.LIBRARY_API, sessionToken: env.LIBRARY_SECRET_KEY });
    try {
      const [library, experts] = await Promise.all([client.libraries.get(env.LIBRARY), client.profiles.list(env.LIBRARY, { limit: 20 })]);
      return Response.json({
        library: library.name,
        experts: experts.data.map(({ id, displayName, headline }) => ({ id, displayName, headline })),
      });
    } catch (error) {
      // The library's own status and code, so the site can tell "no such library" from "down".
      if (error instanceof ApiError) return Response.json({ error: error.code, status: error.status }, { status: 502 });
      throw error;
    }
  },
};
