export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. SMTP in a deployment, the development outbox otherwise. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
