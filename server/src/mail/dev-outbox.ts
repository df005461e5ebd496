import type { MailMessage, Mailer } from './mailer.js';

export interface OutboxMessage extends MailMessage {
  sentAt: string;
}

/**
 * Where mail goes when no SMTP server is configured: kept in memory (the latest 50), shown at
 * `/dev/outbox`, and handed to `onSend` (the CLI prints it) so a developer can sign in.
 */
export class DevOutbox implements Mailer {
  readonly messages: OutboxMessage[] = [];

  constructor(private readonly onSend?: (message: OutboxMessage) => void) {}

  async send(message: MailMessage): Promise<void> {
    const stored = { ...message, sentAt: new Date().toISOString() };
    this.messages.unshift(stored);
    this.messages.length = Math.min(this.messages.length, 50);
    this.onSend?.(stored);
  }
}
