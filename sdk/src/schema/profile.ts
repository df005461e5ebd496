import { z } from 'zod';
import { LibraryPathParams, PageQuery, pageOf, prefixedId, type QueryOf } from './common.js';
import { CategoryRef, Skill } from './library.js';

export const CAREER_STAGES = ['entry', 'early', 'mid', 'senior', 'executive'] as const;
export const CareerStage = z.enum(CAREER_STAGES);

export const PROFILE_STATUSES = ['draft', 'submitted', 'published', 'paused'] as const;
export const ProfileStatus = z.enum(PROFILE_STATUSES);

export const ProfileId = prefixedId('prf');

export const Story = z
  .object({ id: prefixedId('sty'), title: z.string(), body: z.string() })
  .meta({ id: 'Story' });

export const ProfileLink = z.object({ label: z.string(), url: z.url() }).meta({ id: 'ProfileLink' });

export const Profile = z
  .object({
    id: ProfileId,
    displayName: z.string(),
    pronouns: z.string().nullable(),
    headline: z.string(),
    bio: z.string(),
    careerStage: CareerStage,
    skills: z.array(Skill),
    categories: z.array(CategoryRef),
    stories: z.array(Story),
    languages: z.array(z.string()).meta({ description: 'BCP 47 language tags, such as `en` or `yo`.' }),
    timeZone: z.string().meta({ description: 'IANA time zone, such as `Europe/London`.' }),
    links: z.array(ProfileLink),
    photoUrl: z.string().nullable(),
    status: ProfileStatus,
  })
  .meta({ id: 'Profile' });

export const ProfilePage = pageOf(Profile).meta({ id: 'ProfilePage' });

export const ProfileListQuery = PageQuery;
export const ProfilePathParams = LibraryPathParams.extend({ id: ProfileId });

export type CareerStage = z.infer<typeof CareerStage>;
export type ProfileStatus = z.infer<typeof ProfileStatus>;
export type Story = z.infer<typeof Story>;
export type ProfileLink = z.infer<typeof ProfileLink>;
export type Profile = z.infer<typeof Profile>;
export type ProfileListQuery = QueryOf<typeof ProfileListQuery>;
