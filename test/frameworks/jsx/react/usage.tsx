// Compiled by test/frameworks/jsx.test.ts: the right usages compile, and each wrong one is an error.
import type {} from '@talking-library/widget/jsx/react';
import { useRef } from 'react';
import type { Profile } from '@talking-library/sdk';
import type { TalkingLibraryElement, TlSignInElement } from '@talking-library/widget';
import { TalkingLibrary, TlSignIn } from '@talking-library/react';

const ask = (profile: Profile): string => profile.displayName;

export function RightElements() {
  const library = useRef<TalkingLibraryElement>(null);
  const signIn = useRef<TlSignInElement>(null);
  return (
    <>
      <talking-library ref={library} api="https://library.example" library="demo" publishable-key="pk_demo" page-size={6} no-history />
      <talking-library api="/" library="demo" publishableKey="pk_demo" pageSize={6} noHistory getSessionToken={() => 'tls_token'} className="experts" />
      <talking-library ontl-request-exchange={(event) => ask(event.profile)} ontl-profiles-loaded={(event) => event.profiles.length} ontl-error={(event) => event.error} />
      <tl-sign-in ref={signIn} library="demo" ontl-signed-in={(event) => event.session.sessionToken} ontl-signed-out={(event) => event.member.id} />
      <tl-profile-editor member-token="tls_token" ontl-profile-saved={(event) => ask(event.profile)} ontl-profile-submitted={(event) => event.profile.status} />
      <tl-review-queue ontl-profile-reviewed={(event) => event.decision} />
      <tl-request-hour profile-id="prf_demo" heading-level={3} ontl-exchange-requested={(event) => event.exchange.proposedTimes.length} />
      <tl-my-exchanges ontl-exchange-accepted={(event) => event.exchange.startsAt} ontl-exchange-no-show={(event) => event.party} ontl-exchange-cancelled={(event) => event.exchange.reason} />
      <tl-request-form heading-level={3} ontl-request-created={(event) => event.request.id} />
      <tl-request-board page-size={5} ontl-request-responded={(event) => event.response.proposedTimes} ontl-exchange-scheduled={(event) => event.exchange.startsAt} />
      <tl-learning-feed page-size={5} heading-level={3} profile-href="/experts/{id}" ontl-error={(event) => event.error} />
      <tl-insights heading-level={3} ontl-error={(event) => event.error} />
      <tl-surveys heading-level={3} ontl-survey-answered={(event) => event.survey.answers} ontl-error={(event) => event.error} />
    </>
  );
}

export function RightWrappers() {
  return (
    <>
      <TalkingLibrary api="https://library.example" library="demo" publishableKey="pk_demo" pageSize={6} onTlRequestExchange={(event) => ask(event.profile)} />
      <TlSignIn library="demo" onTlSignedIn={(event) => event.session.sessionToken} onTlError={(event) => event.error} />
    </>
  );
}

export function WrongElements() {
  return (
    <>
      {/* @ts-expect-error pageSize is a number */}
      <talking-library pageSize="twelve" />
      {/* @ts-expect-error an element has no `librar` */}
      <talking-library librar="demo" />
      {/* @ts-expect-error a tl-request-exchange event carries a profile, not a session */}
      <talking-library ontl-request-exchange={(event) => event.session} />
      {/* @ts-expect-error closeProfile is a method to call, not a prop */}
      <talking-library closeProfile={() => undefined} />
      {/* @ts-expect-error the attribute takes text, not a number */}
      <tl-sign-in publishable-key={42} />
      {/* @ts-expect-error a requested exchange carries the exchange, not a profile */}
      <tl-request-hour ontl-exchange-requested={(event) => event.profile} />
      {/* @ts-expect-error reload is a method to call, not a prop */}
      <tl-my-exchanges reload={() => undefined} />
      {/* @ts-expect-error a tl-request-created event carries a request, not a profile */}
      <tl-request-form ontl-request-created={(event) => event.profile} />
      {/* @ts-expect-error no such element */}
      <tl-no-such-element />
    </>
  );
}

export function WrongWrappers() {
  return (
    <>
      {/* @ts-expect-error pageSize is a number */}
      <TalkingLibrary pageSize="twelve" />
      {/* @ts-expect-error a signed-in event carries a session, not a profile */}
      <TlSignIn onTlSignedIn={(event) => event.profile} />
    </>
  );
}
