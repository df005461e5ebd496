import nodemailer from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Bounds on one SMTP conversation. Due mail is sent under a worker's lease (two minutes): a send
 * that hung past it could be started again by another worker, so no step may take that long.
 */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** SMTP through nodemailer, from a URL such as `smtps://user:pass@smtp.example.org`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    async send(message: MailMessage) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.messageId ? { messageId: message.messageId } : {}),
        // nodemailer sends it as the text/calendar alternative calendar clients act on, and as invite.ics.
        ...(message.calendar ? { icalEvent: { method: message.calendar.method, content: message.calendar.content, filename: 'invite.ics' } } : {}),
      });
    },
  };
}
