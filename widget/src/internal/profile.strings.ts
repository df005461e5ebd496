import type { TalkingLibraryStrings } from '../strings.js';

/** How a profile is labelled wherever it shows: cards, the full profile, previews. */
export const profileStrings = {
  pronounsLabel: 'Pronouns',
  careerStageLabel: 'Career stage',
  skillsLabel: 'Skills',
  categoriesLabel: 'Categories',
  snippetLabel: 'Where your search matched',
  aboutLabel: 'About',
  storiesLabel: 'Stories',
  languagesLabel: 'Languages',
  linksLabel: 'Links',
  opensInNewTab: '(opens in a new tab)',
  availabilityLabel: 'Usually available',
  availabilityWindow: (day: string, start: string, end: string) => `${day}, ${start} to ${end}`,
  availabilityTimeZone: (timeZone: string) => `Times are in the expert’s time zone, ${timeZone.replaceAll('_', ' ')}.`,
  noAvailability: 'No regular hours yet: suggest a time that suits you both.',
} satisfies Partial<TalkingLibraryStrings>;
