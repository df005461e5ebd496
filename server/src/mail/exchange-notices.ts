import type { InStatement } from '@libsql/client';
import type { Database } from '../db/index.js';
import { CalendarInviteError, type CalendarPerson } from '../domain/calendar.js';
import { exchangeInvite } from '../domain/exchange-invite.js';
import type { Exchange } from '../domain/exchange-rows.js';
import type { Concern } from '../domain/safeguarding.js';
import { coordinatorEmails } from '../domain/safeguarding.js';
import type { SqlGuard } from '../domain/ledger.js';
import { errorForLog, type Logger } from '../logger.js';
import { mailStatement } from './mail-jobs.js';
import type { CalendarPart, MailMessage, Mailer } from './mailer.js';

/**
 * Who hears of each step of an exchange, and what the mail says: as mail jobs in the batch of the
 * change itself (exchanges.ts), with the calendar invite where the hour is booked, moved or
 * cancelled. A concern's acknowledgement is still sent straight away; one that fails is logged,
 * never the caller's problem.
 */

export interface NoticeDeps {
  db: Database;
  mailer: Mailer;
  logger: Logger;
}

type Party = 'member' | 'expert';

/** One formatter per time zone: making one costs far more than formatting with it, and every change mails both parties. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function when(startsAt: string | null, timeZone: string): string {
  if (!startsAt) return 'a time still to agree';
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' });
    // Zones are validated names, a few hundred at most; the bound is only a backstop.
    if (formatters.size < 1000) formatters.set(timeZone, format);
  }
  return `${format.format(new Date(startsAt))} (${timeZone})`;
}

interface Notice {
  to: Party[];
  subject: (other: string) => string;
  text: (other: string, at: string) => string;
}

const NOTICES: Record<string, Notice> = {
  requested: { to: ['expert'], subject: (o) => `${o} asks for an hour with you`, text: (o) => `${o} would like a one-hour skill exchange with you. Accept one of the proposed times, propose others, or decline, from your exchanges.` },
  proposed: { to: [], subject: (o) => `${o} proposed other times for your hour`, text: (o) => `${o} proposed other times for your exchange. Accept one, or propose others, from your exchanges.` },
  scheduled: { to: ['member', 'expert'], subject: (o) => `Your hour with ${o} is booked`, text: (o, at) => `Your one-hour exchange with ${o} is booked for ${at}.` },
  declined: { to: ['member'], subject: (o) => `${o} cannot take your request`, text: (o) => `${o} cannot take your request for an hour this time. Your credit was not touched; you may ask someone else.` },
  cancelled: { to: [], subject: (o) => `Your hour with ${o} is cancelled`, text: (o, at) => `Your exchange with ${o} (${at}) has been cancelled.` },
  rescheduled: { to: [], subject: (o) => `Your hour with ${o} has moved`, text: (o, at) => `Your exchange with ${o} is now at ${at}.` },
  no_show: { to: [], subject: (o) => `A no-show was reported for your hour with ${o}`, text: (o) => `${o} reported that the exchange did not take place. If that is not right, reply to the library's coordinators.` },
  confirmed: { to: [], subject: (o) => `${o} confirmed your hour took place`, text: (o) => `${o} confirmed your exchange took place. Please confirm it too, or dispute it, from your exchanges.` },
  completed: { to: ['member', 'expert'], subject: (o) => `Your hour with ${o} is complete`, text: (o) => `Your exchange with ${o} is complete and its credit has moved. Thank you.` },
  auto_completed: { to: ['member', 'expert'], subject: (o) => `Your hour with ${o} is complete`, text: (o) => `Your exchange with ${o} completed by itself, as one side confirmed it and the other did not answer in time.` },
  disputed: { to: [], subject: (o) => `${o} disputed your hour`, text: (o) => `${o} disputed your exchange. The library's coordinators will look into it.` },
  resolved: { to: ['member', 'expert'], subject: (o) => `The coordinators settled your hour with ${o}`, text: (o) => `The library's coordinators settled the dispute about your exchange with ${o}.` },
  lapsed: { to: ['member'], subject: (o) => `Your request to ${o} lapsed`, text: (o) => `${o} did not answer your request in time, so it lapsed. Your credit was not touched; you may ask again or ask someone else.` },
};

async function emailsOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await db.$client.execute({ sql: `SELECT id, email FROM members WHERE id IN (${ids.map(() => '?').join(', ')})`, args: ids });
  return new Map(result.rows.map((row) => [String(row.id), String(row.email)]));
}

async function sendAll(deps: NoticeDeps, messages: MailMessage[], context: Record<string, unknown>): Promise<void> {
  for (const message of messages) {
    try {
      await deps.mailer.send(message);
    } catch (error) {
      deps.logger.error('mail not sent', { ...context, error: errorForLog(error) });
    }
  }
}

export interface ExchangeMailInput {
  /** The exchange as the change leaves it. */
  exchange: Exchange;
  /** The event the change wrote (its last): which notice this is. */
  kind: string;
  /** Who made the change; null for the system. */
  actorId: string | null;
  parties: Record<Party, CalendarPerson>;
  /** The library's coordinators' addresses: a dispute reaches them too. */
  coordinators: readonly string[];
  libraryName: string;
  now: Date;
}

/** Whether a change with an event of this kind mails anyone. */
export const hasNotice = (kind: string) => kind in NOTICES;

/**
 * The mail about what the change did to the exchange, as jobs for the change's own batch: each
 * exists only if `onlyIf` holds as the batch runs (the change wrote), so a change that commits is
 * told even if the server stops the moment after, and one that lost is never told. Keys name the
 * change (`exchange:<id>:<kind>:<version>:<who>`), so the same change queued twice mails once.
 * The one who acted hears nothing of her own act, except of a booking, and wherever the mail
 * carries the calendar invite (a booking, a move, a cancel): her calendar needs it too.
 */
export function exchangeMailStatements(input: ExchangeMailInput, onlyIf: SqlGuard): InStatement[] {
  const { exchange, kind, parties } = input;
  const notice = NOTICES[kind];
  if (!notice) return [];
  const actorParty: Party | null = input.actorId === exchange.member.id ? 'member' : input.actorId === exchange.expert.id ? 'expert' : null;
  // By default the other party hears; system and coordinator acts reach both.
  const fallback: Party[] = actorParty ? [actorParty === 'member' ? 'expert' : 'member'] : ['member', 'expert'];
  const calendar = inviteFor(input);
  const both: Party[] = ['member', 'expert'];
  const to = (notice.to.length > 0 ? notice.to : calendar ? both : fallback).filter((party) => party !== actorParty || kind === 'scheduled' || calendar);
  const key = (who: string) => `exchange:${exchange.id}:${kind}:${exchange.version}:${who}`;
  const statements = to.flatMap((party) => {
    const email = parties[party].email;
    if (!email) return [];
    const other = parties[party === 'member' ? 'expert' : 'member'].name;
    const at = when(exchange.startsAt, exchange.timeZones[party]);
    const message: MailMessage = { to: email, subject: notice.subject(other), text: `${notice.text(other, at)}\n\nExchange ${exchange.id}.`, calendar };
    return [mailStatement(message, { dedupeKey: key(party), libraryId: exchange.libraryId, onlyIf })];
  });
  if (kind === 'disputed') {
    input.coordinators.forEach((coordinator, i) => {
      const message = { to: coordinator, subject: 'An exchange is disputed', text: `Exchange ${exchange.id} between ${exchange.member.name} and ${exchange.expert.name} is disputed and waits for a coordinator to resolve it.` };
      statements.push(mailStatement(message, { dedupeKey: key(`coordinator-${i}`), libraryId: exchange.libraryId, onlyIf }));
    });
  }
  return statements;
}

/** The invite a notice carries: REQUEST with a booking or a move, CANCEL with a cancel; none otherwise or without an agreed time. */
function inviteFor(input: ExchangeMailInput): CalendarPart | undefined {
  const method = input.kind === 'cancelled' ? 'CANCEL' : input.kind === 'scheduled' || input.kind === 'rescheduled' ? 'REQUEST' : null;
  if (!method) return undefined;
  // The exchange as the change leaves it: a cancel has raised its SEQUENCE above the last request's, as iTIP asks.
  const exchange = input.exchange;
  if (!input.parties.member.email || !input.parties.expert.email) return undefined;
  let content: string | null;
  try {
    content = exchangeInvite({ exchange, parties: input.parties, libraryName: input.libraryName, method, now: input.now });
  } catch (error) {
    // The calendar writer checks addresses more strictly than sign-in does: such an address costs the invite, never the change.
    if (error instanceof CalendarInviteError) return undefined;
    throw error;
  }
  return content ? { method, content } : undefined;
}

export type ReminderLead = '24h' | '1h';

const LEAD_WORDS: Record<ReminderLead, string> = { '24h': 'in 24 hours', '1h': 'in an hour' };

/** The reminder one party gets before the hour: when (in her own zone), with whom, and where, if they said. */
export function reminderMessage(input: { exchangeId: string; to: string; other: string; startsAt: string; timeZone: string; meetingPlace: string | null; lead: ReminderLead }): MailMessage {
  const where = input.meetingPlace ? `\nWhere: ${input.meetingPlace}` : '';
  return {
    to: input.to,
    subject: `Reminder: your hour with ${input.other} is ${LEAD_WORDS[input.lead]}`,
    text: `Your one-hour exchange with ${input.other} is at ${when(input.startsAt, input.timeZone)}.${where}\n\nExchange ${input.exchangeId}.`,
  };
}

/** Acknowledges a concern to its reporter, and tells the coordinators one is waiting (without its words, which they read signed in). */
export async function acknowledgeConcern(deps: NoticeDeps, libraryId: string, concern: Concern): Promise<void> {
  const reporter = await emailsOf(deps.db, [concern.reporter.id]);
  const messages: MailMessage[] = [];
  const email = reporter.get(concern.reporter.id);
  if (email) {
    messages.push({
      to: email,
      subject: 'We have received your concern',
      text: `Thank you for telling us. Your concern about exchange ${concern.exchangeId} is with the library's coordinators only; the other party does not see it. A coordinator will be in touch.`,
    });
  }
  for (const coordinator of await coordinatorEmails(deps.db, libraryId)) {
    messages.push({ to: coordinator, subject: 'A safeguarding concern was reported', text: `A concern about exchange ${concern.exchangeId} is waiting for you in the library's concerns (${concern.id}).` });
  }
  await sendAll(deps, messages, { concernId: concern.id });
}
