import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Profile, SnippetSegment } from '@talking-library/sdk';
import type { TalkingLibraryStrings } from '../strings.js';

// A profile's card, and what the card and the full profile (profile-detail.ts) share. Every value
// is bound as text, never as markup: experts write all of it.

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

export function renderTags(items: { name: string }[], label: string, listPart: string, itemPart: string): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  // role="list": Safari drops list semantics from lists styled without bullets.
  return html`<ul class="tags" part=${listPart} role="list" aria-label=${label}>
    ${items.map((item) => html`<li class="tag" part=${itemPart}>${item.name}</li>`)}
  </ul>`;
}

/**
 * The level a `heading-level` attribute or property asks for, or 2 when it asks for none or for one
 * outside 2 to 6 (h1 is the page's own title): a bad value counts as the default, as HTML treats an
 * enumerated attribute's, and quietly, as HTML does.
 */
export function toHeadingLevel(value: unknown): HeadingLevel {
  const level = Number(value);
  return Number.isInteger(level) && level >= 2 && level <= 6 ? (level as HeadingLevel) : 2;
}

/** The level `steps` below `level`; HTML has no seventh, so the deepest headings stay at h6. */
export function below(level: HeadingLevel, steps: number): HeadingLevel {
  return Math.min(level + steps, 6) as HeadingLevel;
}

/** A heading at a level the page chose. `part` is its class and part; `focusable` lets code focus it. */
export function heading(level: HeadingLevel, part: string | undefined, content: unknown, id?: string, focusable = false): TemplateResult {
  const p = ifDefined(part);
  const i = ifDefined(id);
  const t = focusable ? '-1' : nothing;
  switch (level) {
    case 2:
      return html`<h2 class=${p} part=${p} id=${i} tabindex=${t}>${content}</h2>`;
    case 3:
      return html`<h3 class=${p} part=${p} id=${i} tabindex=${t}>${content}</h3>`;
    case 4:
      return html`<h4 class=${p} part=${p} id=${i} tabindex=${t}>${content}</h4>`;
    case 5:
      return html`<h5 class=${p} part=${p} id=${i} tabindex=${t}>${content}</h5>`;
    default:
      return html`<h6 class=${p} part=${p} id=${i} tabindex=${t}>${content}</h6>`;
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

/** 1 is Monday, 7 Sunday (ISO 8601), named in the wording's language. */
export function weekdayName(weekday: number, locale: string): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));
}
