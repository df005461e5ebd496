import type { MailMessage, Mailer } from '@talking-library/server/edge';

export interface HttpMailerOptions {
  /** The mail API's send endpoint, such as `https://api.resend.com/emails`. */
  url: string;
  /** Its API key, sent as a Bearer token: a secret (`wrangler secret put MAIL_API_TOKEN`). */
  token: string;
  /** The sender, such as `Talking Library <library@commons.example>`, on a domain the API has verified. */
  from: string;
}

/** A send that hangs would hold the member's sign-in request open; give up well before she does. */
const SEND_TIMEOUT_MS = 15_000;

/**
 * Sign-in mail through an HTTP mail API, since a Worker cannot speak SMTP. The body is the shape
 * Resend's `POST /emails` takes (`from`, `to`, `subject`, `text`, `headers`); for another service,
 * change `body` below. Calendar invites are not sent from here: they are due mail, which the Node
 * worker (`talking-library worker`) sends over SMTP.
 */
export function httpMailer({ url, token, from }: HttpMailerOptions): Mailer {
  return {
    async send(message: MailMessage) {
      const body = {
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { headers: { 'Message-ID': message.messageId } } : {}),
      };
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      // The answer may echo the message; its status is all the log needs.
      await response.body?.cancel();
      if (!response.ok) throw new Error(`The mail API at ${new URL(url).host} answered ${response.status} to a send`);
    },
  };
}
