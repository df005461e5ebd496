import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Profile, SnippetSegment } from '@talking-library/sdk';
import type { TalkingLibraryStrings } from '../strings.js';

// How a profile looks wherever it shows: the library's cards and dialog, the editor's preview and
// the review queue. Every value is bound as text, never as markup: experts write all of it.

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

export interface CardOptions {
  /** Level of the name's heading, so the card fits the outline of the page around it. */
  level: HeadingLevel;
  /** What the name button does; without it the name is plain text (a preview). */
  onOpen?: ((profile: Profile) => void) | undefined;
  /** Where a search matched, with the matching words marked. */
  snippet?: SnippetSegment[] | null | undefined;
}

export function renderCard(profile: Profile, strings: TalkingLibraryStrings, options: CardOptions): TemplateResult {
  const nameId = `name-${profile.id}`;
  const { onOpen, snippet } = options;
  const name = onOpen
    ? html`<button type="button" class="open" part="open-button" aria-haspopup="dialog" data-open=${profile.id}
        @click=${() => onOpen(profile)}>${profile.displayName}</button>`
    : profile.displayName;
  return html`
    <article class="card" part="card" aria-labelledby=${nameId} data-profile-id=${profile.id}>
      ${heading(options.level, 'card-name', name, nameId)}
      ${profile.pronouns
        ? html`<p class="pronouns" part="pronouns"><span class="visually-hidden">${strings.pronounsLabel}: </span>${profile.pronouns}</p>`
        : nothing}
      <p class="headline" part="headline">${profile.headline}</p>
      <p class="stage" part="career-stage">
        <span class="visually-hidden">${strings.careerStageLabel}: </span>${stageName(profile, strings)}
      </p>
      ${snippet?.length
        ? html`<p class="snippet" part="snippet"><span class="visually-hidden">${strings.snippetLabel}: </span>${snippet.map(
            (segment) => (segment.match ? html`<mark part="mark">${segment.text}</mark>` : segment.text),
          )}</p>`
        : nothing}
      ${renderTags(profile.skills, strings.skillsLabel, 'skills', 'skill')}
      ${profile.categories.length > 0
        ? html`<ul class="categories" part="categories" role="list" aria-label=${strings.categoriesLabel}>
            ${profile.categories.map((category) => html`<li>${category.name}</li>`)}
          </ul>`
        : nothing}
    </article>
  `;
}

export interface DetailOptions {
  /** Level of the name's heading (at most 4); sections are one below it, stories two. */
  level: 2 | 3 | 4;
  /** Id of the name's heading, for the dialog or region it names. */
  headingId: string;
  /** Buttons shown under the headline, such as "Request an hour". */
  actions?: TemplateResult | undefined;
}

/** Everything a member reads before asking for an hour. */
export function renderDetail(profile: Profile, strings: TalkingLibraryStrings, options: DetailOptions): TemplateResult {
  const { level } = options;
  const sub = (level + 1) as HeadingLevel;
  const photo = safeUrl(profile.photoUrl);
  const links = profile.links;
  return html`
    <div class="detail" part="detail">
      <div class="detail-header">
        ${photo ? html`<img class="photo" part="photo" src=${photo} alt="" width="88" height="88" referrerpolicy="no-referrer" />` : nothing}
        <div>
          ${heading(level, 'detail-name', profile.displayName, options.headingId)}
          <p class="meta">
            ${profile.pronouns ? html`<span part="pronouns"><span class="visually-hidden">${strings.pronounsLabel}: </span>${profile.pronouns}</span>` : nothing}
            <span class="stage" part="career-stage"><span class="visually-hidden">${strings.careerStageLabel}: </span>${stageName(profile, strings)}</span>
          </p>
        </div>
      </div>
      <p class="headline" part="headline">${profile.headline}</p>
      ${options.actions ?? nothing}
      ${profile.bio ? html`${heading(sub, 'section-heading', strings.aboutLabel)}${paragraphs(profile.bio, 'bio')}` : nothing}
      ${profile.skills.length ? html`${heading(sub, 'section-heading', strings.skillsLabel)}${renderTags(profile.skills, strings.skillsLabel, 'skills', 'skill')}` : nothing}
      ${profile.categories.length
        ? html`${heading(sub, 'section-heading', strings.categoriesLabel)}${renderTags(profile.categories, strings.categoriesLabel, 'categories', 'category')}`
        : nothing}
      ${profile.stories.length
        ? html`${heading(sub, 'section-heading', strings.storiesLabel)}
            <ul class="stories" part="stories" role="list">
              ${profile.stories.map(
                (story) => html`<li class="story" part="story">${heading((sub + 1) as HeadingLevel, 'story-title', story.title)}${paragraphs(story.body, 'story-body')}</li>`,
              )}
            </ul>`
        : nothing}
      ${profile.languages.length
        ? html`${heading(sub, 'section-heading', strings.languagesLabel)}
            <p part="languages">${profile.languages.map((tag) => languageName(tag, strings.locale)).join(', ')}</p>`
        : nothing}
      ${links.length
        ? html`${heading(sub, 'section-heading', strings.linksLabel)}
            <ul class="links" part="links" role="list">
              ${links.map((link) => {
                const href = safeUrl(link.url);
                // Only web addresses become links: a javascript: or data: URL stays inert text.
                return html`<li>${href ? html`<a part="link" href=${href} rel="noopener noreferrer" target="_blank"
                  >${link.label}<span class="visually-hidden"> ${strings.opensInNewTab}</span></a
                >` : link.label}</li>`;
              })}
            </ul>`
        : nothing}
      ${heading(sub, 'section-heading', strings.availabilityLabel)}
      ${renderAvailability(profile, strings)}
    </div>
  `;
}

function renderAvailability(profile: Profile, strings: TalkingLibraryStrings): TemplateResult {
  const windows = [...(profile.availability ?? [])].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  if (windows.length === 0) return html`<p part="availability">${strings.noAvailability}</p>`;
  return html`
    <ul class="availability" part="availability" role="list">
      ${windows.map((w) => html`<li>${strings.availabilityWindow(weekdayName(w.weekday, strings.locale), w.start, w.end)}</li>`)}
    </ul>
    <p class="note">${strings.availabilityTimeZone(profile.timeZone)}</p>
  `;
}

function renderTags(items: { name: string }[], label: string, listPart: string, itemPart: string): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  // role="list": Safari drops list semantics from lists styled without bullets.
  return html`<ul class="tags" part=${listPart} role="list" aria-label=${label}>
    ${items.map((item) => html`<li class="tag" part=${itemPart}>${item.name}</li>`)}
  </ul>`;
}

/** Blank lines separate paragraphs; single line breaks stay (the `prose` class keeps them). */
function paragraphs(text: string, part: string): TemplateResult {
  return html`<div class="prose" part=${part}>${text.split(/\n\s*\n/).map((paragraph) => html`<p>${paragraph.trim()}</p>`)}</div>`;
}

export function heading(level: HeadingLevel, part: string, content: unknown, id?: string): TemplateResult {
  const i = ifDefined(id);
  switch (level) {
    case 2:
      return html`<h2 class=${part} part=${part} id=${i}>${content}</h2>`;
    case 3:
      return html`<h3 class=${part} part=${part} id=${i}>${content}</h3>`;
    case 4:
      return html`<h4 class=${part} part=${part} id=${i}>${content}</h4>`;
    case 5:
      return html`<h5 class=${part} part=${part} id=${i}>${content}</h5>`;
    default:
      return html`<h6 class=${part} part=${part} id=${i}>${content}</h6>`;
  }
}

export function stageName(profile: Pick<Profile, 'careerStage'>, strings: TalkingLibraryStrings): string {
  return strings.careerStages[profile.careerStage] ?? profile.careerStage;
}

/** The URL when it is a web address (http or https), else nothing. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** 1 is Monday, 7 Sunday (ISO 8601), named in the wording's language. */
export function weekdayName(weekday: number, locale: string): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));
}
