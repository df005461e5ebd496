import nodemailer from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.js';

/** SMTP through nodemailer, from a URL such as `smtps://user:pass@smtp.example.org`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
