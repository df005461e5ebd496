/**
 * What `<talking-library>` keeps in the address bar's fragment, so a search or an open profile can
 * be bookmarked, shared and walked with Back and Forward. Every key starts `tl-`, and the page's own
 * fragment parameters stay as they are.
 */
export interface BrowseState {
  q: string;
  category: string;
  skills: string[];
  stage: string;
  profile: string;
}

const KEYS = { q: 'tl-q', category: 'tl-category', skill: 'tl-skill', stage: 'tl-stage', profile: 'tl-profile' } as const;

/** The fragment's parameters; a plain anchor such as `#main` holds none. */
function fragmentParams(): URLSearchParams {
  const fragment = location.hash.slice(1);
  return new URLSearchParams(fragment.includes('=') ? fragment : '');
}

export function readBrowseState(): BrowseState {
  const params = fragmentParams();
  return {
    q: params.get(KEYS.q) ?? '',
    category: params.get(KEYS.category) ?? '',
    skills: params.getAll(KEYS.skill).filter(Boolean),
    stage: params.get(KEYS.stage) ?? '',
    profile: params.get(KEYS.profile) ?? '',
  };
}

/**
 * Puts the state in the fragment: a new history entry (`push`) for a step the member may want to
 * go Back from, or in place (`replace`) while she types. Returns whether the address changed.
 * `pushState` fires no `hashchange`, so the element never hears its own writes.
 */
export function writeBrowseState(state: BrowseState, mode: 'push' | 'replace'): boolean {
  const params = fragmentParams();
  for (const key of Object.values(KEYS)) params.delete(key);
  if (state.q) params.set(KEYS.q, state.q);
  if (state.category) params.set(KEYS.category, state.category);
  for (const skill of state.skills) params.append(KEYS.skill, skill);
  if (state.stage) params.set(KEYS.stage, state.stage);
  if (state.profile) params.set(KEYS.profile, state.profile);
  const fragment = params.toString();
  const url = `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return false;
  if (mode === 'push') history.pushState(history.state, '', url);
  else history.replaceState(history.state, '', url);
  return true;
}
