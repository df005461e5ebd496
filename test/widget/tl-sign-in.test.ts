/// <reference types="mocha" />
// The API lets one IP make 20 sign-in requests (ask for a code, spend one) a minute. Every test here
// shares that budget, and this file spends 16 of it: count before adding a test that asks for codes.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import type { FieldError } from '@talking-library/sdk';
import '@talking-library/widget/define.js';
import { TlErrorEvent, TlSignInElement, TlSignedInEvent, TlSignedOutEvent, defaultStrings } from '@talking-library/widget';
import { apiAttributes, apiUrl, attach, cleanUp, codeIn, demoSession, endSession, expectFocusOn, getMe, latestMail, nextEvent, part, textOf, uniqueEmail } from './support.js';

interface A11yNode {
  role: string;
  name: string;
  description?: string;
  children?: A11yNode[];
}

/** A `<tl-sign-in>` for the demo library on the test server, not yet on the page. */
function createSignIn(attributes: Record<string, string> = { ...apiAttributes(), library: 'demo' }): TlSignInElement {
  const element = document.createElement('tl-sign-in');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

async function mountSignIn(element: TlSignInElement = createSignIn()): Promise<TlSignInElement> {
  attach(element);
  await element.updateComplete;
  return element;
}

function input(element: TlSignInElement, name: 'email-input' | 'code-input'): HTMLInputElement {
  const found = part(element, name);
  if (!(found instanceof HTMLInputElement)) throw new Error(`no ${name} is showing`);
  return found;
}

/** Types an address into step one and presses "Email me a code", as a person would with a mouse. */
async function requestCode(element: TlSignInElement, email: string): Promise<void> {
  input(element, 'email-input').value = email;
  part(element, 'submit-button')!.click();
  await waitUntil(() => part(element, 'code-input') || part(element, 'error'), 'the code step, or an error');
  if (!part(element, 'code-input')) throw new Error(`Asking for a code failed: ${textOf(part(element, 'error'))}`);
}

/** The element's text that the page can see, once it is no longer checking a token with the API. */
async function settled(element: TlSignInElement): Promise<void> {
  await waitUntil(() => textOf(part(element, 'status')) !== defaultStrings.checkingSignIn, 'the token check to finish');
  await element.updateComplete;
}

function apiFieldError(event: TlErrorEvent, path: string): string {
  const errors = (event.error as { problem?: { errors?: FieldError[] } }).problem?.errors ?? [];
  const message = errors.find((error) => error.path === path)?.message;
  if (!message) throw new Error(`The API sent no error for ${path}: ${JSON.stringify(errors)}`);
  return message;
}

afterEach(cleanUp);

describe('<tl-sign-in>', () => {
  it('is defined by the define module as TlSignInElement', () => {
    expect(customElements.get('tl-sign-in')).to.equal(TlSignInElement);
  });

  it('signs in with the emailed code: tl-signed-in carries a session the API accepts, and the element says who it is', async () => {
    const email = uniqueEmail('journey');
    const element = await mountSignIn();

    input(element, 'email-input').focus();
    await sendKeys({ type: email });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(element, 'code-input'), 'the code step');
    expectFocusOn(element, part(element, 'code-input'), 'focus moves to the code field');
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.codeSent(email));

    const signedIn = nextEvent(element, 'tl-signed-in');
    await sendKeys({ type: codeIn(await latestMail(email)) });
    await sendKeys({ press: 'Enter' });
    const event = await signedIn;

    expect(event).to.be.instanceOf(TlSignedInEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.session.member.email).to.equal(email);
    const me = await getMe(event.session.sessionToken);
    expect(me.status).to.equal(200);
    expect(((await me.json()) as { email: string }).email).to.equal(email);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.signedInAs(event.session.member.name));
    expectFocusOn(element, part(element, 'sign-out-button'));
  });

  it('says in an alert that the code is wrong, and signs nobody in', async () => {
    const email = uniqueEmail('wrong-code');
    const element = await mountSignIn();
    let signedIn = false;
    element.addEventListener('tl-signed-in', () => (signedIn = true));
    await requestCode(element, email);
    const right = codeIn(await latestMail(email));

    input(element, 'code-input').value = right === '000000' ? '111111' : '000000';
    const failed = nextEvent(element, 'tl-error');
    part(element, 'submit-button')!.click();
    const event = await failed;

    const problem = (event.error as { status: number; problem: { code: string; detail: string } }).problem;
    expect((event.error as { status: number }).status).to.equal(401);
    expect(problem.code).to.equal('code_invalid');
    const alert = part(element, 'alert')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.equal(`${defaultStrings.signInFailed} ${defaultStrings.codeInvalid}`);
    expect(signedIn).to.equal(false);
    expect(part(element, 'sign-out-button')).to.equal(null);
    expect(input(element, 'code-input').getAttribute('aria-invalid')).to.equal('false');
  });

  it("puts the API's message for an address it rejects beside the email field, marked invalid, with focus", async () => {
    const element = await mountSignIn();
    const field = input(element, 'email-input');
    field.value = 'not-an-email';
    field.focus();
    const failed = nextEvent(element, 'tl-error');
    part(element, 'submit-button')!.click();
    const event = await failed;

    const expected = defaultStrings.fieldError(defaultStrings.emailLabel, apiFieldError(event, 'body.email'));
    const emailInput = input(element, 'email-input');
    const description = element.shadowRoot!.getElementById(emailInput.getAttribute('aria-describedby') ?? '');
    expect(emailInput.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(description)).to.equal(expected);
    expect(description!.closest('[part~="field"]')).to.equal(emailInput.closest('[part~="field"]'));
    expectFocusOn(element, emailInput);
    // Said aloud through the alert region, but shown only beside the field.
    expect(textOf(part(element, 'alert'))).to.equal(expected);
    expect(part(element, 'error')).to.equal(null);
  });

  it("puts the API's message for a code that is not six digits beside the code field", async () => {
    const element = await mountSignIn();
    await requestCode(element, uniqueEmail('code-format'));

    input(element, 'code-input').value = '12ab';
    const failed = nextEvent(element, 'tl-error');
    part(element, 'submit-button')!.click();
    const event = await failed;

    const codeInput = input(element, 'code-input');
    expect(codeInput.getAttribute('aria-invalid')).to.equal('true');
    expect(codeInput.getAttribute('aria-describedby')!.split(' ')).to.include.members(['code-hint', 'code-error']);
    expect(textOf(element.shadowRoot!.getElementById('code-error'))).to.equal(
      defaultStrings.fieldError(defaultStrings.codeLabel, apiFieldError(event, 'body.code')),
    );
  });

  it('signs in by itself when the page is opened from the emailed link, and takes the code out of the address bar', async () => {
    const email = uniqueEmail('link');
    const page = location.href.split('#')[0]!;
    const asker = await mountSignIn();
    await requestCode(asker, email);
    asker.remove();
    const link = /\S+#tl-email=\S+/.exec((await latestMail(email)).text)?.[0];
    expect(link, 'a link in the email').to.be.a('string');
    expect(link!.startsWith(`${page}#tl-email=`), `${link} leads back to ${page}`).to.equal(true);

    // Arrive as the link does, with a fragment parameter of the site's own beside ours.
    history.replaceState(null, '', `${new URL(link!).hash}&view=experts`);
    try {
      const element = createSignIn();
      const signedIn = nextEvent(element, 'tl-signed-in');
      attach(element);
      expect(location.hash).to.equal('#view=experts');
      const event = await signedIn;

      expect(event.session.member.email).to.equal(email);
      expect((await getMe(event.session.sessionToken)).status).to.equal(200);
      expect(textOf(part(element, 'status'))).to.equal(defaultStrings.signedInAs(event.session.member.name));
      expect(location.href).to.equal(`${page}#view=experts`);
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('says how long to wait when the API has sent as many codes to the address as it will', async () => {
    const email = uniqueEmail('flood');
    // The API sends at most five codes to one address in 15 minutes.
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${apiUrl()}/v1/libraries/demo/email-links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(response.status).to.equal(202);
    }
    const element = await mountSignIn();
    input(element, 'email-input').value = email;
    const failed = nextEvent(element, 'tl-error');
    part(element, 'submit-button')!.click();
    const event = await failed;

    const error = event.error as { status: number; headers: Headers };
    expect(error.status).to.equal(429);
    const retryAfter = Number(error.headers.get('retry-after'));
    expect(retryAfter).to.be.greaterThan(0);
    expect(textOf(part(element, 'alert'))).to.equal(`${defaultStrings.requestCodeFailed} ${defaultStrings.tooManyRequests(retryAfter)}`);
    expect(part(element, 'code-input')).to.equal(null);
  });

  it("shows who the page's member-token belongs to, and Sign out ends that session", async () => {
    const session = await demoSession('member');
    const element = await mountSignIn(createSignIn({ ...apiAttributes(), library: 'demo', 'member-token': session.sessionToken }));
    await settled(element);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.signedInAs(session.member.name));

    const signedOut = nextEvent(element, 'tl-signed-out');
    part(element, 'sign-out-button')!.click();
    const event = await signedOut;

    expect(event).to.be.instanceOf(TlSignedOutEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.member.id).to.equal(session.member.id);
    expect((await getMe(session.sessionToken)).status).to.equal(401);
    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.signedOut);
    expect(part(element, 'email-input')).to.exist;
  });

  it('offers the form when the token the page gave it has already ended', async () => {
    const session = await demoSession('member');
    await endSession(session.sessionToken);
    const element = await mountSignIn(createSignIn({ ...apiAttributes(), library: 'demo', 'member-token': session.sessionToken }));
    await settled(element);

    expect(part(element, 'sign-out-button')).to.equal(null);
    expect(part(element, 'email-input')).to.exist;
    expect(textOf(part(element, 'alert'))).to.equal('');
  });

  it('shows who getSessionToken says is signed in', async () => {
    const session = await demoSession('expert');
    const element = createSignIn();
    element.getSessionToken = async () => session.sessionToken;
    await mountSignIn(element);
    await settled(element);

    expect(textOf(part(element, 'status'))).to.equal(defaultStrings.signedInAs(session.member.name));
  });

  it('gives every control an accessible name from the label beside it, and the code field its hint', async () => {
    const element = await mountSignIn();
    let tree = await executeServerCommand<A11yNode & { children: A11yNode[] }, undefined>('accessibility-tree');
    const named = (role: string, name: string) => findAccessibilityNode<A11yNode>(tree, (node) => node.role === role && node.name === name);
    expect(named('form', defaultStrings.signInFormLabel), 'the form').to.exist;
    expect(named('textbox', defaultStrings.emailLabel), 'the email field').to.exist;
    expect(named('button', defaultStrings.requestCode), 'the request button').to.exist;
    expect(input(element, 'email-input').autocomplete).to.equal('email');

    await requestCode(element, uniqueEmail('names'));
    tree = await executeServerCommand<A11yNode & { children: A11yNode[] }, undefined>('accessibility-tree');
    const codeField = named('textbox', defaultStrings.codeLabel);
    expect(codeField, 'the code field').to.exist;
    expect(codeField!.description).to.equal(defaultStrings.codeHint);
    for (const button of [defaultStrings.signIn, defaultStrings.resendCode, defaultStrings.changeEmail]) {
      expect(named('button', button), `a button named "${button}"`).to.exist;
    }
    const code = input(element, 'code-input');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
  });

  it('explains in the alert what is missing when the page gave no api or library', async () => {
    const element = await mountSignIn(createSignIn({}));
    input(element, 'email-input').value = uniqueEmail('unconfigured');
    const failed = nextEvent(element, 'tl-error');
    part(element, 'submit-button')!.click();
    await failed;

    expect(textOf(part(element, 'alert'))).to.equal(`${defaultStrings.requestCodeFailed} ${defaultStrings.notConfigured}`);
  });

  it('takes its accent colour from --tl-color-accent and lets the page style its parts', async () => {
    const style = document.createElement('style');
    style.textContent = 'tl-sign-in::part(label) { text-transform: uppercase; }';
    document.head.append(style);
    try {
      const element = await mountSignIn();
      element.style.setProperty('--tl-color-accent', 'rgb(1, 2, 3)');
      const button = part(element, 'submit-button')!;

      // Another test file's key presses may have sent this page to the background, where transitions stand still.
      for (const transition of button.getAnimations()) transition.finish();
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part(element, 'label')!).textTransform).to.equal('uppercase');
    } finally {
      style.remove();
    }
  });
});
