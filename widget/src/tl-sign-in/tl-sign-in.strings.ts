import type { TalkingLibraryStrings } from '../strings.js';

/** What `<tl-sign-in>` says. */
export const signInStrings = {
  signInFormLabel: 'Sign in with your email address',
  emailLabel: 'Email address',
  requestCode: 'Email me a code',
  requestingCode: 'Sending you a code…',
  codeSent: (email: string) => `If ${email} can sign in, a 6-digit code is on its way to it. It can take a minute to arrive.`,
  codeLabel: 'Sign-in code',
  codeHint: 'The 6 digits from the email. Or follow the link in the email instead.',
  signIn: 'Sign in',
  signingIn: 'Signing you in…',
  resendCode: 'Send a new code',
  changeEmail: 'Use a different email address',
  requestCodeFailed: 'Sorry, the code could not be sent.',
  signInFailed: 'Sorry, you could not be signed in.',
  codeInvalid: 'That code is wrong or has expired. Ask for a new one.',
  checkingSignIn: 'Checking whether you are signed in…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signingOut: 'Signing you out…',
  signedOut: 'You have signed out.',
  signOutFailed: 'Sorry, you could not be signed out.',
} satisfies Partial<TalkingLibraryStrings>;
