import { path, type RequestOptions, type Transport } from '../client.js';
import { PagePromise } from '../pagination.js';
import { ProfileReads } from './profile-reads.js';
import type { PageQuery } from '../schema/common.js';
import type { SlotList, SlotsQuery } from '../schema/slots.js';
import type { AvailabilityUpdate, AvailabilityWindow, Profile, ProfileCreate, ProfilePage, ProfileUpdate } from '../schema/profile.js';

/** Everything on profiles: the reads every visitor makes, and the member's, reviewer's and booking calls. */
export class Profiles extends ProfileReads {
  /** The signed-in member's own profile, whatever its status. */
  mine(library: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/me/profile` }, options);
  }

  create(library: string, body: ProfileCreate, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/profiles`, body }, options);
  }

  update(library: string, id: string, body: ProfileUpdate, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/profiles/${id}`, body }, options);
  }

  submit(library: string, id: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/profiles/${id}/submit` }, options);
  }

  publish(library: string, id: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/profiles/${id}/publish` }, options);
  }

  pause(library: string, id: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/profiles/${id}/pause` }, options);
  }

  /** Coordinators: back to draft, with a note for the expert. */
  sendBack(library: string, id: string, note: string, options?: RequestOptions): Promise<Profile> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/profiles/${id}/send-back`, body: { note } }, options);
  }

  /**
   * Owner: her weekly windows (in her own time zone), minimum notice and weekly cap. Give the
   * windows alone, as a list, or any of the three settings; those left out stay as they are.
   */
  setAvailability(library: string, id: string, settings: AvailabilityWindow[] | AvailabilityUpdate, options?: RequestOptions): Promise<Profile> {
    const body = Array.isArray(settings) ? { windows: settings } : settings;
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/profiles/${id}/availability`, body }, options);
  }

  /**
   * A published expert's free one-hour slots starting in [`from`, `to`), in UTC, earliest first,
   * with her time zone, notice and weekly cap. By default from now for 14 days; at most 62 days.
   */
  slots(library: string, id: string, query: { [K in keyof SlotsQuery]: SlotsQuery[K] | Date } = {}, options?: RequestOptions): Promise<SlotList> {
    const iso = (time: string | Date | undefined) => (time instanceof Date ? time.toISOString() : time);
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/profiles/${id}/slots`, query: { from: iso(query.from), to: iso(query.to) } }, options);
  }

  /** Coordinators: profiles waiting for review, oldest first; await for one page, or `for await` over all. */
  reviewQueue(library: string, query: PageQuery = {}, options?: RequestOptions): PagePromise<Profile, ProfilePage> {
    return new PagePromise(
      (cursor) => this.transport.request<ProfilePage>({ method: 'GET', path: path`/v1/libraries/${library}/review-queue`, query: { ...query, cursor } }, options),
      query.cursor,
    );
  }
}
