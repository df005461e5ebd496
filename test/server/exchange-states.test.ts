import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema, type Database } from '@talking-library/server';
import { ForbiddenError, StateConflictError } from '../../server/src/domain/errors.js';
import {
  acceptExchange,
  allowedActions,
  cancelExchange,
  getExchange,
  confirmExchange,
  declineExchange,
  disputeExchange,
  proposeTimes,
  reportNoShow,
  requestExchange,
  rescheduleExchange,
  resolveDispute,
  type Actor,
  type ExchangeAction,
} from '../../server/src/domain/exchanges.js';
import { checkBooks } from '../../server/src/domain/ledger.js';
import { ledgerDatabase, libraryWithMembers } from '../helpers/ledger-db.js';

/**
 * `allowedActions` is what the widget offers, so it must be exactly what the state machine lets
 * through: in each state, for each kind of caller, every action it lists succeeds and every
 * action it leaves out is refused (403 or 409), each tried on a fresh exchange.
 */

const HOUR = 3_600_000;
const base = new Date('2031-05-05T09:00:00.000Z');
let db: Database;
let close: () => Promise<void>;
let libraryId: string;
let memberId: string;
let expertId: string;
let coordinatorId: string;
let profileId: string;

before(async () => {
  ({ db, close } = await ledgerDatabase());
  const made = await libraryWithMembers(db, 'states', 3);
  libraryId = made.libraryId;
  [memberId, expertId, coordinatorId] = made.memberIds as [string, string, string];
  await db.update(schema.libraries).set({ overdraftMinutes: 100_000 });
  await db.update(schema.members).set({ roles: ['member', 'coordinator'] }).where(eq(schema.members.id, coordinatorId));
  profileId = 'prf_statestest0000001';
  // Every case books this one expert, hours apart: a cap of 1,000 keeps her week from filling, which is not what these tests are about.
  await db.insert(schema.profiles).values({ id: profileId, libraryId, memberId: expertId, displayName: 'Expert', careerStage: 'mid', status: 'published', minimumNoticeMinutes: 0, weeklyExchangeCap: 1_000 });
});
after(async () => {
  assert.deepEqual(await checkBooks(db), []);
  await close();
});

const actors: Record<string, Actor> = {
  member: { kind: 'member', memberId: '', isCoordinator: false },
  expert: { kind: 'member', memberId: '', isCoordinator: false },
  coordinator: { kind: 'member', memberId: '', isCoordinator: true },
};
const actor = (who: string): Actor => ({ ...(actors[who] as Extract<Actor, { kind: 'member' }>), memberId: who === 'member' ? memberId : who === 'expert' ? expertId : coordinatorId });

let slot = 0;
type Setup = 'requested' | 'proposed-by-expert' | 'scheduled' | 'started' | 'member-confirmed' | 'disputed';

/** A fresh exchange in `setup`, at an hour of its own; returns it and the `now` to act at. */
async function fresh(setup: Setup): Promise<{ id: string; startsAt: string; now: Date }> {
  const startsAt = new Date(base.getTime() + 24 * HOUR + ++slot * 4 * HOUR).toISOString();
  const at = base;
  const made = await requestExchange(db, { libraryId, memberId, profileId, message: 'Hi', proposedTimes: [startsAt], now: at });
  const input = { libraryId, exchangeId: made.id };
  if (setup === 'requested') return { id: made.id, startsAt, now: at };
  if (setup === 'proposed-by-expert') {
    await proposeTimes(db, { ...input, actor: actor('expert'), proposedTimes: [startsAt], now: at });
    return { id: made.id, startsAt, now: at };
  }
  await acceptExchange(db, { ...input, actor: actor('expert'), startsAt, meetingPlace: 'Video', now: at });
  if (setup === 'scheduled') return { id: made.id, startsAt, now: at };
  const afterStart = new Date(Date.parse(startsAt) + HOUR / 2);
  if (setup === 'member-confirmed') await confirmExchange(db, { ...input, actor: actor('member'), now: afterStart });
  if (setup === 'disputed') await disputeExchange(db, { ...input, actor: actor('member'), reason: 'x', now: afterStart });
  return { id: made.id, startsAt, now: afterStart };
}

const ACTIONS: ExchangeAction[] = ['accept', 'propose', 'decline', 'cancel', 'reschedule', 'no-show', 'complete', 'dispute', 'resolve'];

function run(action: ExchangeAction, who: string, ex: { id: string; startsAt: string; now: Date }) {
  const input = { libraryId, exchangeId: ex.id, actor: actor(who), now: ex.now };
  const later = new Date(Date.parse(ex.startsAt) + 2 * HOUR).toISOString();
  switch (action) {
    case 'accept':
      // A valid time: the proposed one while it is ahead, any future one after it has passed.
      return acceptExchange(db, { ...input, startsAt: Date.parse(ex.startsAt) > ex.now.getTime() ? ex.startsAt : later, meetingPlace: 'Video' });
    case 'propose':
      return proposeTimes(db, { ...input, proposedTimes: [later] });
    case 'decline':
      return declineExchange(db, input);
    case 'cancel':
      return cancelExchange(db, { ...input, reason: 'x' });
    case 'reschedule':
      return rescheduleExchange(db, { ...input, startsAt: later });
    case 'no-show':
      return reportNoShow(db, { ...input, party: who === 'member' ? 'expert' : 'member' });
    case 'complete':
      return confirmExchange(db, input);
    case 'dispute':
      return disputeExchange(db, { ...input, reason: 'x' });
    case 'resolve':
      return resolveDispute(db, { ...input, outcome: 'completed', reason: 'x' });
    default:
      throw new Error(action);
  }
}

const EXPECTED: Record<Setup, Record<string, ExchangeAction[]>> = {
  requested: { member: ['cancel'], expert: ['accept', 'propose', 'decline', 'cancel'], coordinator: [] },
  'proposed-by-expert': { member: ['accept', 'propose', 'cancel'], expert: ['decline', 'cancel'], coordinator: [] },
  scheduled: { member: ['cancel', 'reschedule'], expert: ['cancel', 'reschedule'], coordinator: [] },
  started: { member: ['reschedule', 'no-show', 'complete', 'dispute'], expert: ['reschedule', 'no-show', 'complete', 'dispute'], coordinator: [] },
  'member-confirmed': { member: [], expert: ['complete', 'dispute'], coordinator: [] },
  disputed: { member: [], expert: [], coordinator: ['resolve'] },
};

for (const setup of Object.keys(EXPECTED) as Setup[]) {
  test(`in state "${setup}", allowedActions lists for each caller exactly the actions that succeed`, async () => {
    for (const who of ['member', 'expert', 'coordinator']) {
      const probe = await fresh(setup);
      const listed = allowedActions(await getExchange(db, { libraryId, exchangeId: probe.id, actor: actor(who) }), actor(who), probe.now);
      assert.deepEqual(listed, EXPECTED[setup][who], `${setup} as ${who}`);
      for (const action of ACTIONS) {
        const ex = await fresh(setup);
        const outcome = await run(action, who, ex).then(
          () => 'ok',
          (error) => (error instanceof ForbiddenError || error instanceof StateConflictError ? 'refused' : `threw ${error}`),
        );
        assert.equal(outcome, listed.includes(action) ? 'ok' : 'refused', `${setup}: ${who} → ${action}`);
      }
    }
  });
}
