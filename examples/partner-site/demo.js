// The demo page's own script. It signs visitors in (as a demo person, on development servers, or by
// email through <tl-sign-in>) and hands the session token to every Talking Library element on the
// page; it shows experts their profile editor, coordinators the review queue and the insights, and
// everyone the request form and board. On development servers it also moves the server's clock, so an
// hour can be confirmed without waiting for it. Plain ESM with no build step: the SDK client comes from
// talking-library-client.js, beside the widget's loader.
//
// The token lives in memory only, so reloading the page signs you out. A real site would keep it
// where it keeps its own sessions, or pass a getSessionToken callback that asks its own sign-in.
import { createClient } from '/widget/talking-library-client.js';

// /?theme=nhs dresses the elements in the NHS palette: a theme is a stylesheet of --tl-* properties.
if (new URLSearchParams(location.search).get('theme') === 'nhs') {
  const theme = document.createElement('link');
  theme.rel = 'stylesheet';
  theme.href = '/nhs-theme.css';
  document.head.append(theme);
}

const LIBRARY = 'demo';
const api = createClient({ baseUrl: '/' });

const who = document.getElementById('who');
const tryAs = document.getElementById('try-as');
const tryAsButtons = document.getElementById('try-as-buttons');
const tryAsMessage = document.getElementById('try-as-message');
const myProfile = document.getElementById('my-profile');
const review = document.getElementById('review');
const insights = document.getElementById('insights');
const credits = document.getElementById('credits');
const exchanges = document.getElementById('exchanges');
const postRequest = document.getElementById('post-request');
const board = document.getElementById('board');
const requestMessage = document.getElementById('request-message');
const clock = document.getElementById('clock');
const clockButtons = document.getElementById('clock-buttons');
const clockMessage = document.getElementById('clock-message');

/** The token the page's elements use now, so switching person can end the previous session. */
let currentToken = null;
/** Who is signed in, for what the page offers them. */
let currentMember = null;
/** When her session ends, and which demo person she is if she signed in as one. */
let currentExpiry = null;
let currentDemo = null;

function elements() {
  return document.querySelectorAll('talking-library, tl-sign-in, tl-profile-editor, tl-review-queue, tl-credits, tl-my-exchanges, tl-request-form, tl-request-board, tl-learning-feed, tl-insights, tl-surveys');
}

function useSession(session, demo = null) {
  const previous = currentToken;
  currentToken = session.sessionToken;
  currentMember = session.member;
  currentExpiry = session.expiresAt;
  currentDemo = demo;
  // Anyone signed in may write a profile (an expert edits hers) and post a request, whose responses
  // she accepts on the board, where experts respond; coordinators also review profiles and read the figures.
  const coordinator = session.member.roles.includes('coordinator');
  for (const element of elements()) {
    if ((element.localName === 'tl-review-queue' || element.localName === 'tl-insights') && !coordinator) element.removeAttribute('member-token');
    else element.setAttribute('member-token', session.sessionToken);
  }
  who.textContent = `Signed in as ${session.member.name} (${session.member.roles.join(', ')})`;
  myProfile.hidden = false;
  credits.hidden = false;
  exchanges.hidden = false;
  postRequest.hidden = false;
  board.hidden = false;
  review.hidden = !coordinator;
  insights.hidden = !coordinator;
  requestMessage.textContent = '';
  if (previous && previous !== currentToken) void endQuietly(previous);
}

function forgetSession() {
  currentToken = null;
  currentMember = null;
  currentExpiry = null;
  currentDemo = null;
  for (const element of elements()) element.removeAttribute('member-token');
  who.textContent = 'Not signed in';
  myProfile.hidden = true;
  credits.hidden = true;
  exchanges.hidden = true;
  postRequest.hidden = true;
  board.hidden = true;
  review.hidden = true;
  insights.hidden = true;
}

/** Ends a session the page no longer uses; if that fails, it simply expires later. */
async function endQuietly(sessionToken) {
  try {
    await createClient({ baseUrl: '/', sessionToken, maxRetries: 0 }).sessions.end(LIBRARY);
  } catch {
    // Already ended, or the server is unreachable: nothing the visitor needs to know.
  }
}

async function tryAsPerson(button) {
  const as = button.dataset.as;
  for (const other of tryAsButtons.querySelectorAll('button')) other.setAttribute('aria-disabled', 'true');
  tryAsMessage.textContent = `Signing you in as the demo ${as}…`;
  try {
    useSession(await api.sessions.demo(LIBRARY, as), as);
    tryAsMessage.textContent = '';
  } catch (error) {
    if (error?.status === 403 && error.problem?.code === 'development_only') {
      // Production refuses demo people: say so, and leave only the email route.
      tryAsButtons.hidden = true;
      tryAsMessage.textContent = 'Demo sign-in is off on this server. Sign in with your email instead.';
    } else {
      const detail = error?.problem?.detail ?? error?.message ?? '';
      tryAsMessage.textContent = `Sorry, demo sign-in did not work. ${detail}`.trim();
    }
  } finally {
    for (const other of tryAsButtons.querySelectorAll('button')) other.removeAttribute('aria-disabled');
  }
}

tryAsButtons.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-as]');
  if (button && button.getAttribute('aria-disabled') !== 'true') void tryAsPerson(button);
});

document.addEventListener('tl-signed-in', (event) => useSession(event.session));
document.addEventListener('tl-signed-out', () => forgetSession());

// "Request an hour" opens <tl-request-hour> in the profile dialog; once she has asked, her exchanges
// (and, when the expert answers, the expert's) show it.
document.addEventListener('tl-exchange-requested', () => {
  requestMessage.textContent = 'Your request has been sent: it is under “Your exchanges” below.';
  for (const element of document.querySelectorAll('tl-my-exchanges')) void element.reload?.();
});

/** Reads again what the page shows of her exchanges and credits, which changed elsewhere. */
function reloadExchangesAndCredits() {
  for (const element of document.querySelectorAll('tl-my-exchanges, tl-credits')) void element.reload?.();
}

// An hour accepted on the board, or one confirmed by both, moves or holds her credit.
document.addEventListener('tl-exchange-scheduled', () => reloadExchangesAndCredits());
document.addEventListener('tl-exchange-confirmed', () => {
  reloadExchangesAndCredits();
  // A completed hour's surveys fall due at the worker's next tick, a moment after.
  setTimeout(() => {
    for (const element of document.querySelectorAll('tl-surveys')) void element.reload?.();
  }, 2000);
});
document.addEventListener('tl-request-created', () => {
  for (const element of document.querySelectorAll('tl-request-board')) void element.reload?.();
});

// Without this script the buttons would do nothing, so the panel stays hidden until now.
tryAs.hidden = false;

// --- the development clock

const clockFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

async function moveClock(button) {
  for (const other of clockButtons.querySelectorAll('button')) other.setAttribute('aria-disabled', 'true');
  clockMessage.textContent = 'Moving the clock…';
  try {
    const response = await fetch('/v1/dev/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: Number(button.dataset.minutes) }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body?.detail ?? `The server answered ${response.status}.`);
    clockMessage.textContent = `The server’s clock now reads ${clockFormat.format(new Date(body.now))}.`;
    if (currentExpiry && new Date(currentExpiry) <= new Date(body.now)) {
      // The move outlasted her sign-in (sessions last a week). A demo person is signed in again,
      // which reloads every element; anyone else is told.
      try {
        if (!currentDemo) throw new Error('signed in by email');
        useSession(await api.sessions.demo(LIBRARY, currentDemo), currentDemo);
      } catch {
        forgetSession();
        clockMessage.textContent += ' Your sign-in ended with the move: sign in again.';
      }
      return;
    }
    // Hours now past can be confirmed: the elements ask the server again what may be done.
    reloadExchangesAndCredits();
  } catch (error) {
    clockMessage.textContent = `Sorry, the clock did not move. ${error?.message ?? ''}`.trim();
  } finally {
    for (const other of clockButtons.querySelectorAll('button')) other.removeAttribute('aria-disabled');
  }
}

clockButtons.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-minutes]');
  if (button && button.getAttribute('aria-disabled') !== 'true') void moveClock(button);
});

// Only development servers have a clock to move (production answers 404): show it where it answers.
fetch('/v1/dev/clock')
  .then(async (response) => {
    if (!response.ok) return;
    const { now } = await response.json();
    clockMessage.textContent = `The server’s clock reads ${clockFormat.format(new Date(now))}.`;
    clock.hidden = false;
  })
  .catch(() => {});

// Development servers without SMTP keep mail in an outbox page; point visitors to it when it is there.
fetch('/dev/outbox', { method: 'HEAD' })
  .then((response) => {
    if (response.ok) document.getElementById('outbox-hint').hidden = false;
  })
  .catch(() => {});
