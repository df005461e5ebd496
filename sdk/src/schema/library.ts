import { z } from 'zod';
import { atLeastOneField, LibraryPathParams, multiLineText, prefixedId, singleLineText, Version } from './common.js';
import { CreditPolicy, CreditPolicyUpdate } from './credits.js';

export const LAUNCH_PHASES = ['invite', 'restricted', 'open'] as const;
export const LaunchPhase = z.enum(LAUNCH_PHASES);

export const Skill = z
  .object({ id: prefixedId('skl'), slug: z.string(), name: z.string(), version: Version })
  .meta({ id: 'Skill' });

export const CategoryRef = z
  .object({ id: prefixedId('cat'), slug: z.string(), name: z.string() })
  .meta({ id: 'CategoryRef' });

export const Category = CategoryRef.extend({ skills: z.array(Skill), version: Version }).meta({ id: 'Category' });

export const Library = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    phase: LaunchPhase,
    categories: z.array(Category),
    version: Version.meta({ description: 'Bumped by every change to the library, its taxonomy included.' }),
    credits: CreditPolicy.optional().meta({ description: 'The library’s time-credit rules (always sent by the server).' }),
  })
  .meta({ id: 'Library' });

export const LibraryUpdate = atLeastOneField(
  z.strictObject({
    name: singleLineText({ max: 120, required: true }).optional(),
    description: multiLineText({ max: 2000 }).optional(),
    phase: LaunchPhase.optional(),
    credits: CreditPolicyUpdate.optional().meta({ description: 'The library’s time-credit rules; fields left out stay as they are.' }),
  }),
).meta({ id: 'LibraryUpdate' });

const TaxonomyName = singleLineText({ max: 60, required: true });
const TaxonomySlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case letters, digits and hyphens' }).max(64);

export const CategoryId = prefixedId('cat');
export const SkillId = prefixedId('skl');

export const CategoryCreate = z.strictObject({ name: TaxonomyName, slug: TaxonomySlug.optional() }).meta({ id: 'CategoryCreate' });
export const CategoryUpdate = atLeastOneField(
  z.strictObject({
    name: TaxonomyName.optional(),
    position: z.number().int().min(0).max(1000).optional(),
    mergeInto: CategoryId.optional().meta({ description: 'Move this category’s skills and profiles to that one, and retire this.' }),
  }),
).meta({ id: 'CategoryUpdate' });
export const SkillCreate = z.strictObject({ name: TaxonomyName, category: TaxonomySlug, slug: TaxonomySlug.optional() }).meta({ id: 'SkillCreate' });
export const SkillUpdate = atLeastOneField(
  z.strictObject({
    name: TaxonomyName.optional(),
    category: TaxonomySlug.optional().meta({ description: 'Move the skill to this category.' }),
    mergeInto: SkillId.optional().meta({ description: 'Give this skill’s profiles that one instead, and retire this.' }),
  }),
).meta({ id: 'SkillUpdate' });
export const CategoryPathParams = LibraryPathParams.extend({ id: CategoryId });
export const SkillPathParams = LibraryPathParams.extend({ id: SkillId });

export type LibraryUpdate = z.input<typeof LibraryUpdate>;
export type CategoryCreate = z.input<typeof CategoryCreate>;
export type CategoryUpdate = z.input<typeof CategoryUpdate>;
export type SkillCreate = z.input<typeof SkillCreate>;
export type SkillUpdate = z.input<typeof SkillUpdate>;
export type LaunchPhase = z.infer<typeof LaunchPhase>;
export type Skill = z.infer<typeof Skill>;
export type CategoryRef = z.infer<typeof CategoryRef>;
export type Category = z.infer<typeof Category>;
export type Library = z.infer<typeof Library>;
