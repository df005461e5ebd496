import { html, nothing, type TemplateResult } from 'lit';
import type { Profile } from '@talking-library/sdk';
import type { TalkingLibraryStrings } from '../strings.js';
import { below, heading, renderTags, safeUrl, stageName, weekdayName, type HeadingLevel } from './profile-view.js';

// A profile in full: the library's dialog, the editor's preview and the review queue. A chunk of
// its own, so a page showing only cards does not download it until a member opens a profile.
// Every value is bound as text, never as markup: experts write all of it.

export interface DetailOptions {
  /** Level of the name's heading; sections are one below it, stories two (never below h6). */
  level: HeadingLevel;
  /** Id of the name's heading, for the dialog or region it names. */
  headingId: string;
  /** Buttons shown under the headline, such as "Request an hour". */
  actions?: TemplateResult | undefined;
}

/** Everything a member reads before asking for an hour. */
export function renderDetail(profile: Profile, strings: TalkingLibraryStrings, options: DetailOptions): TemplateResult {
  const { level } = options;
  const sub = below(level, 1);
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
                (story) => html`<li class="story" part="story">${heading(below(level, 2), 'story-title', story.title)}${paragraphs(story.body, 'story-body')}</li>`,
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


export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Blank lines separate paragraphs; single line breaks stay (the `prose` class keeps them). */
function paragraphs(text: string, part: string): TemplateResult {
  return html`<div class="prose" part=${part}>${text.split(/\n\s*\n/).map((paragraph) => html`<p>${paragraph.trim()}</p>`)}</div>`;
}

