import type { SkillRequest } from '@talking-library/sdk/schema';
import type { MailMessage } from '../mail/mailer.js';

/**
 * Every email the request board sends, composed here and nowhere else: plain functions from what
 * happened to a message, so moving delivery onto the job table changes who calls `mailer.send`,
 * not what is said.
 */

interface Person {
  email: string;
  name: string;
}
interface LibraryName {
  name: string;
}

const STAGE_WORDS: Record<SkillRequest['project']['stage'], string> = {
  idea: 'an idea',
  planning: 'being planned',
  testing: 'being tested',
  implementing: 'being put into practice',
  spreading: 'spreading to other teams',
};

function describe(request: Pick<SkillRequest, 'title' | 'need' | 'project' | 'skills' | 'category' | 'owner'>): string {
  const wanted = request.skills.length ? request.skills.map((s) => s.name).join(', ') : (request.category?.name ?? 'any');
  return [
    `“${request.title}”, from ${request.owner.name}`,
    `Project: ${request.project.name} (${STAGE_WORDS[request.project.stage]})`,
    `Skills wanted: ${wanted}`,
    '',
    request.need,
  ].join('\n');
}

/** To an expert who hears at once: a new request wants one of her skills. */
export function newRequestMail(library: LibraryName, expert: Person, request: SkillRequest): MailMessage {
  return {
    to: expert.email,
    subject: `A new request on ${library.name} matches your skills: ${request.title}`,
    text: [
      `Hello ${expert.name},`,
      '',
      `A member has posted a skill request on ${library.name} that matches your profile:`,
      '',
      describe(request),
      '',
      'If you can give an hour, respond from the request board with a message and up to three times that suit you.',
      '',
      'You get these emails because your request alerts are set to “instant”; you can choose a weekly digest, or none, in your account.',
    ].join('\n'),
  };
}

/** To an expert who chose a weekly digest: the week's requests that match her skills, in one email. */
export function weeklyDigestMail(library: LibraryName, expert: Person, requests: SkillRequest[]): MailMessage {
  return {
    to: expert.email,
    subject: `${requests.length} new request${requests.length === 1 ? '' : 's'} on ${library.name} this week match your skills`,
    text: [
      `Hello ${expert.name},`,
      '',
      `This week’s skill requests on ${library.name} that match your profile:`,
      '',
      ...requests.flatMap((request, i) => [`${i + 1}. ${describe(request)}`, '']),
      'If you can give an hour to any of them, respond from the request board.',
      '',
      'You get this digest because your request alerts are set to “weekly”; you can choose instant alerts, or none, in your account.',
    ].join('\n'),
  };
}

/** To an expert whose response was not the one chosen: thanks, and no reflection on her. */
export function notChosenMail(library: LibraryName, expert: Person, request: Pick<SkillRequest, 'title' | 'owner'>): MailMessage {
  return {
    to: expert.email,
    subject: `Thank you for responding to “${request.title}”`,
    text: [
      `Hello ${expert.name},`,
      '',
      `Thank you for offering your time to ${request.owner.name} on ${library.name}. This time they have arranged their hour with another expert, often simply because of when the two of them were free.`,
      '',
      'Your offer was valued. Other members post requests every week, and the request board shows first those that match your skills.',
      '',
      `With thanks from everyone at ${library.name}`,
    ].join('\n'),
  };
}

/** To a request's owner: it reached the library's days with no response taken, so it left the board. */
export function requestLapsedMail(library: LibraryName, owner: Person, request: { title: string }): MailMessage {
  return {
    to: owner.email,
    subject: `Your request “${request.title}” has lapsed`,
    text: [
      `Hello ${owner.name},`,
      '',
      `Your request “${request.title}” on ${library.name} was open for the library’s time without an hour being arranged, so it has lapsed and left the request board.`,
      '',
      'You can renew it from your requests to put it back on the board, or post a new one.',
    ].join('\n'),
  };
}
