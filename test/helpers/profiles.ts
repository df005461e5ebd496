import { bearer, send, sessionFor } from './callers.js';
import type { TestServer } from './server.js';

let n = 0;

/** What a complete profile needs, for tests that care about other fields. */
export const completeProfile = {
  careerStage: 'mid',
  headline: 'Helps teams measure what matters',
  bio: 'Works across health and care.',
  skills: ['data-analysis'],
  categories: ['digital-health'],
} as const;

/**
 * A new expert with her own profile, made through the API. Published by the demo coordinator
 * unless `publish` is false. Returns the profile and the expert's headers.
 */
export async function expertWithProfile(server: TestServer, fields: Record<string, unknown> = {}, options: { publish?: boolean } = {}) {
  const expert = await sessionFor(server, { email: `expert${++n}.${Date.now()}@example.org`, name: `Expert ${n}`, roles: ['member'] });
  const created = await server.request(`${server.libraryPath}/profiles`, send('POST', { displayName: `Expert ${n}`, ...completeProfile, ...fields }, expert));
  if (created.status !== 201) throw new Error(`create profile: ${created.status} ${JSON.stringify(created.body)}`);
  if (options.publish !== false) {
    const coordinator = await sessionFor(server, { email: 'helper.coordinator@example.org', name: 'Helper Coordinator', roles: ['coordinator'] });
    const published = await server.request(`${server.libraryPath}/profiles/${created.body.id}/publish`, send('POST', undefined, coordinator));
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  }
  return { profile: created.body, expert };
}

export { bearer };
