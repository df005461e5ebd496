import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The payload `standardwebhooks` verified with the path's secret, or why it would not. */
  verified: { ok: true; payload: unknown } | { ok: false; error: string };
}

/** What the receiver answers the nth request (from 1) to a path: a status, or `hang` to never answer. */
export type Answer = (nth: number) => number | 'hang';

/**
 * A real partner receiver on a free port: each path is one partner's endpoint, verified the way a
 * partner would, with `new Webhook(secret).verify(body, headers)`.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const answers = new Map<string, Answer>();
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = secrets.get(path);
      let verified: ReceivedWebhook['verified'];
      try {
        if (!secret) throw new Error(`no secret for ${path}`);
        verified = { ok: true, payload: new Webhook(secret).verify(body, req.headers as Record<string, string>) };
      } catch (error) {
        verified = { ok: false, error: (error as Error).message };
      }
      received.push({ path, headers: req.headers, body, verified });
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const answer = (answers.get(path) ?? (() => 200))(nth);
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** The secret a path's requests must verify with. */
    secret(path: string, secret: string) {
      secrets.set(path, secret);
    },
    answer(path: string, answer: Answer) {
      answers.set(path, answer);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
