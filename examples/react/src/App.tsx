import type {} from '@talking-library/widget/jsx/react';
// One element on its own, from its entry point: the bundle carries only the elements the page imports.
import '@talking-library/widget/tl-sign-in.js';
import { TalkingLibrary, type TalkingLibraryElement, type TlRequestExchangeEvent } from '@talking-library/react';
import { useRef, useState } from 'react';

// `npm start` serves the demo API at :8787; `?api=…&key=…` points the page at another one.
const params = new URLSearchParams(location.search);
const api = params.get('api') ?? 'http://localhost:8787';
const publishableKey = params.get('key') ?? 'pk_demo_talking_library_partner_site';

export function App() {
  const [sessionToken, setSessionToken] = useState<string | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const library = useRef<TalkingLibraryElement>(null);

  const requestExchange = (event: TlRequestExchangeEvent) => {
    setAsked(event.profile.displayName);
    // The element only asks; the page decides what comes next. Here: close the profile, say so.
    library.current?.closeProfile();
  };

  return (
    <main>
      <h1>Find an expert</h1>
      <p role="status" data-testid="asked">
        {asked ? `You asked ${asked} for an hour. We will be in touch.` : ''}
      </p>
      {/* A raw custom element, typed by @talking-library/widget/jsx/react: React 19 sets properties and listens for `tl-*` events. */}
      <tl-sign-in
        api={api}
        library="demo"
        publishableKey={publishableKey}
        memberToken={sessionToken}
        ontl-signed-in={(event) => setSessionToken(event.session.sessionToken)}
        ontl-signed-out={() => setSessionToken(null)}
      />
      {/* The @talking-library/react component: the same element, with React-style event props. */}
      <TalkingLibrary ref={library} api={api} library="demo" publishableKey={publishableKey} memberToken={sessionToken} onTlRequestExchange={requestExchange} />
    </main>
  );
}
