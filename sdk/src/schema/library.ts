import { z } from 'zod';
import { prefixedId } from './common.js';

export const LAUNCH_PHASES = ['invite', 'restricted', 'open'] as const;
export const LaunchPhase = z.enum(LAUNCH_PHASES);

export const Skill = z
  .object({ id: prefixedId('skl'), slug: z.string(), name: z.string() })
  .meta({ id: 'Skill' });

export const CategoryRef = z
  .object({ id: prefixedId('cat'), slug: z.string(), name: z.string() })
  .meta({ id: 'CategoryRef' });

export const Category = CategoryRef.extend({ skills: z.array(Skill) }).meta({ id: 'Category' });

export const Library = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    phase: LaunchPhase,
    categories: z.array(Category),
  })
  .meta({ id: 'Library' });

export const LibraryUpdate = z
  .object({
    name: z.string().trim().min(1, { error: 'is required' }).max(120, { error: 'must be at most 120 characters' }).optional(),
    description: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }).optional(),
    phase: LaunchPhase.optional(),
  })
  .meta({ id: 'LibraryUpdate' });

export type LibraryUpdate = z.input<typeof LibraryUpdate>;
export type LaunchPhase = z.infer<typeof LaunchPhase>;
export type Skill = z.infer<typeof Skill>;
export type CategoryRef = z.infer<typeof CategoryRef>;
export type Category = z.infer<typeof Category>;
export type Library = z.infer<typeof Library>;
