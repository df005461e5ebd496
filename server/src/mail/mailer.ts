export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A calendar invite, sent as the message's `text/calendar` part (and attachment): an exchange's REQUEST or CANCEL. */
  calendar?: CalendarPart | undefined;
  /**
   * The message's Message-ID, `<left@right>`. Due mail gives every attempt of one job the same id,
   * so a repeat after a crash is recognisably the same message.
   */
  messageId?: string | undefined;
}

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  /** The iCalendar text (domain/calendar.ts); its METHOD matches `method`. */
  content: string;
}

/** Sends mail. SMTP in a deployment, the development outbox otherwise. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
