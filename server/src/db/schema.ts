import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** ISO 8601 UTC timestamps as text: readable in any SQL shell and sortable as strings. */
const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const libraries = sqliteTable('libraries', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  phase: text('phase', { enum: ['invite', 'restricted', 'open'] }).notNull().default('invite'),
  /** Numbers this library's block of rows in the search index (domain/search-index.ts). */
  searchKey: integer('search_key').unique(),
  /** Bumped by every change to what the API shows of the library, its taxonomy included: the ETag, and the guard for If-Match. */
  version: integer('version').notNull().default(1),
  /**
   * Bumped, by triggers (migration 0015) and by the search index, whenever anything a listing of
   * its experts shows may have changed: the key under which each API instance remembers listings.
   */
  listingVersion: integer('listing_version').notNull().default(0),
  /**
   * A random token the database gives the row anew on every insert and update, by triggers, whoever
   * writes: what an instance compares to know its remembered copy of the row is still the row
   * (http/caller-lookups.ts). Never shown.
   */
  stamp: text('stamp'),
  /** Time-credit policy (domain/ledger.ts), all in whole minutes: what the fund gives a member on joining. */
  startingGrantMinutes: integer('starting_grant_minutes').notNull().default(120),
  /** How far below zero a member's available balance may go. */
  overdraftMinutes: integer('overdraft_minutes').notNull().default(0),
  /** How far below zero the fund may go, so a new library can give starting grants before anyone donates. */
  fundNegativeLimitMinutes: integer('fund_negative_limit_minutes').notNull().default(6000),
  /** What a late cancellation or a no-show does with the hold: `keep` posts it to the expert, `release` voids it. */
  lateCancelRule: text('late_cancel_rule', { enum: ['keep', 'release'] }).notNull().default('keep'),
  lateCancelWindowMinutes: integer('late_cancel_window_minutes').notNull().default(1440),
  /** Booking rules (domain/exchanges.ts, domain/requests.ts): a skill request lapses this many days after it is posted or renewed. */
  requestLapseDays: integer('request_lapse_days').notNull().default(30),
  /** A direct request for an hour that the expert has not answered lapses after this many days. */
  directRequestLapseDays: integer('direct_request_lapse_days').notNull().default(7),
  /** When one party has confirmed an exchange and the other neither confirms nor disputes, it completes by itself after this many days. */
  autoCompleteDays: integer('auto_complete_days').notNull().default(7),
  createdAt: createdAt(),
});

export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    /** Set when a coordinator retires the category: it leaves the filters but stays readable. */
    retiredAt: text('retired_at'),
    mergedIntoId: text('merged_into_id'),
    /** Bumped by every change to what the API shows of this row: the ETag, and the guard for If-Match. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('categories_library_slug').on(t.libraryId, t.slug)],
);

export const skills = sqliteTable(
  'skills',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    categoryId: text('category_id').notNull().references(() => categories.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    retiredAt: text('retired_at'),
    mergedIntoId: text('merged_into_id'),
    /** Bumped by every change to what the API shows of this row: the ETag, and the guard for If-Match. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('skills_library_slug').on(t.libraryId, t.slug), index('skills_category').on(t.categoryId)],
);

export const ROLES = ['member', 'expert', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    /** Stored lower-cased, so one person is one member however they type it. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull().default(sql`'["member"]'`),
    /** True once the member set her name herself: sign-ins then never change it. */
    nameChosen: integer('name_chosen', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    lastSignInAt: text('last_sign_in_at'),
    /** Set by a coordinator (safeguarding): while set, she can neither book nor be booked. */
    bookingPausedAt: text('booking_paused_at'),
    bookingPausedReason: text('booking_paused_reason'),
    /** How an expert hears of new skill requests that match her skills. */
    requestAlerts: text('request_alerts', { enum: ['instant', 'weekly', 'off'] }).notNull().default('instant'),
    /**
     * Set when she erased her account (DELETE /me): the row stays, emptied of her, only so that
     * the ledger rows that name this account keep balancing the books.
     */
    erasedAt: text('erased_at'),
  },
  (t) => [uniqueIndex('members_library_email').on(t.libraryId, t.email)],
);

/** A partner site's account for a member: the JWT `sub` it signs, tied to our member. */
export const memberIdentities = sqliteTable(
  'member_identities',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id),
    subject: text('subject').notNull(),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    /**
     * `partner`: the partner's first sign-in created the member; `member`: the person linked her
     * existing membership to this partner account herself, while signed in another way.
     */
    linkedBy: text('linked_by', { enum: ['partner', 'member'] }).notNull().default('partner'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.subject] }), index('member_identities_member').on(t.memberId)],
);

/**
 * A partner site embedding a library. Its keys are stored as SHA-256 hashes (they are long and
 * random, so a plain hash is enough) with a short hint to tell them apart; the keys themselves are
 * shown once. The JWT signing secret must stay readable to verify HS256 signatures.
 */
export const partners = sqliteTable(
  'partners',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    name: text('name').notNull(),
    allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    publishableKeyHash: text('publishable_key_hash').notNull().unique(),
    publishableKeyHint: text('publishable_key_hint').notNull(),
    secretKeyHash: text('secret_key_hash').notNull().unique(),
    secretKeyHint: text('secret_key_hint').notNull(),
    jwtSecret: text('jwt_secret').notNull(),
    /** PEM (SPKI) public key for EdDSA or RS256 tokens, when the partner registered one. */
    jwtPublicKey: text('jwt_public_key'),
    jwtPublicKeyAlg: text('jwt_public_key_alg', { enum: ['EdDSA', 'RS256'] }),
    webhookUrl: text('webhook_url'),
    /**
     * The Standard Webhooks signing secret (`whsec_…`), sealed with the server key like the JWT
     * secret: we must read it back to sign each delivery. Made when a webhook URL is first set.
     */
    webhookSecret: text('webhook_secret'),
    webhookSecretHint: text('webhook_secret_hint'),
    /** Set when a coordinator removes the partner site: its keys and tokens stop working at once. */
    removedAt: text('removed_at'),
    /** Bumped by every change to what the API shows of this row: the ETag, and the guard for If-Match. */
    version: integer('version').notNull().default(1),
    /** As `libraries.stamp`: new on every insert and update, by triggers. Never shown. */
    stamp: text('stamp'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('partners_library').on(t.libraryId)],
);

/** Seen JWT ids, so a partner token signs a member in once. Kept until the token would expire. */
export const usedTokenIds = sqliteTable(
  'used_token_ids',
  {
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    jti: text('jti').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.jti] })],
);

/** Opaque session tokens, stored hashed. Revoked by sign-out or erasure; they also expire. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_member').on(t.memberId)],
);

/** One-time email sign-in codes, stored hashed, with a count of wrong guesses. */
export const emailCodes = sqliteTable(
  'email_codes',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [index('email_codes_lookup').on(t.libraryId, t.email, t.createdAt)],
);

/** Who may sign in while a library is in its invite phase. */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    email: text('email').notNull(),
    invitedBy: text('invited_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invites_library_email').on(t.libraryId, t.email)],
);

export const profiles = sqliteTable(
  'profiles',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').references(() => members.id),
    displayName: text('display_name').notNull(),
    pronouns: text('pronouns'),
    headline: text('headline').notNull().default(''),
    bio: text('bio').notNull().default(''),
    careerStage: text('career_stage', { enum: ['entry', 'early', 'mid', 'senior', 'executive'] }).notNull(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    timeZone: text('time_zone').notNull().default('Europe/London'),
    /** How long before an hour the expert must be asked for it (domain/slots.ts). */
    minimumNoticeMinutes: integer('minimum_notice_minutes').notNull().default(2880),
    /** At most this many scheduled exchanges in one week (Monday to Sunday in her time zone). */
    weeklyExchangeCap: integer('weekly_exchange_cap').notNull().default(3),
    links: text('links', { mode: 'json' }).$type<{ label: string; url: string }[]>().notNull().default(sql`'[]'`),
    photoUrl: text('photo_url'),
    status: text('status', { enum: ['draft', 'submitted', 'published', 'paused'] }).notNull().default('draft'),
    /** A coordinator's note when sending a submitted profile back to its expert. */
    reviewNote: text('review_note'),
    /** The profile's row in the search index: its library's block, then a number within it. */
    searchRowid: integer('search_rowid').unique(),
    submittedAt: text('submitted_at'),
    publishedAt: text('published_at'),
    /** Bumped by every change to what the API shows of this row: the ETag, and the guard for If-Match. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [
    index('profiles_listing').on(t.libraryId, t.status, t.displayName, t.id),
    // One profile per member per library.
    uniqueIndex('profiles_member').on(t.memberId),
  ],
);

/** When an expert is usually free: weekly windows in her own time zone, minutes from midnight. */
export const availabilityWindows = sqliteTable(
  'availability_windows',
  {
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 is Monday, 7 is Sunday. */
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [index('availability_profile').on(t.profileId, t.weekday)],
);

export const profileSkills = sqliteTable(
  'profile_skills',
  {
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    skillId: text('skill_id').notNull().references(() => skills.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.skillId] }), index('profile_skills_skill').on(t.skillId)],
);

export const profileCategories = sqliteTable(
  'profile_categories',
  {
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    categoryId: text('category_id').notNull().references(() => categories.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.categoryId] }), index('profile_categories_category').on(t.categoryId)],
);

export const stories = sqliteTable(
  'stories',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id').notNull().references(() => profiles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('stories_profile').on(t.profileId, t.position)],
);

/**
 * Fixed-window rate-limit counters shared by every API instance on the database: one row per
 * budget (`name`) and caller (`key`), restarted when its window has passed.
 */
export const rateLimitCounters = sqliteTable(
  'rate_limit_counters',
  {
    name: text('name').notNull(),
    key: text('key').notNull(),
    /** Milliseconds since the epoch when this window opened. */
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.name, t.key] }), index('rate_limit_counters_window').on(t.name, t.windowStart)],
);

/**
 * `Idempotency-Key`s: the first answer to an unsafe request, kept so a repeat gets it again and
 * nothing happens twice. A row without a status is a request still running.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    /** Who asked: a member, a partner key, or a client address. */
    scope: text('scope').notNull(),
    /** The route: method and path pattern with its parameters filled in. */
    route: text('route').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request body, to tell a repeat from a different request with the same key. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    responseHeaders: text('response_headers', { mode: 'json' }).$type<Record<string, string>>(),
    createdAt: text('created_at').notNull(),
    /** Until when a running request holds the key; past it, a crashed request's key may be taken again. */
    lockedUntil: text('locked_until').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.route, t.key] }), index('idempotency_keys_expiry').on(t.expiresAt)],
);

/**
 * A ranked search's order, kept while its pages are read: the search rowids of the profiles it
 * ranks, best first. Pages read on from here, so a profile that changes between pages keeps its
 * place and is neither repeated nor skipped. Rows expire; a page past that starts again.
 */
export const searchSnapshots = sqliteTable(
  'search_snapshots',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id, { onDelete: 'cascade' }),
    /** The words and filters searched for: a cursor serves only the search that gave it out. */
    queryKey: text('query_key').notNull(),
    /** Ranked search rowids, best first (the rank window's worth at most). */
    rowids: text('rowids', { mode: 'json' }).$type<number[]>().notNull(),
    /** True when more matches follow the ranked ones, newest first, below the window's oldest rowid. */
    overflow: integer('overflow', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('search_snapshots_expiry').on(t.expiresAt)],
);

/**
 * Time-credit accounts, after TigerBeetle: one per member per library (`member_id` set) and one
 * fund per library (`member_id` null). Totals are whole minutes, changed only in the same batch
 * that inserts the transfer that moves them, so they always equal the sum of the account's
 * transfers (`talking-library ledger check` proves it). A member's balance is
 * credits_posted - debits_posted; what she may still spend subtracts debits_pending and adds the
 * library's overdraft (the fund's negative limit for the fund).
 */
export const creditAccounts = sqliteTable(
  'credit_accounts',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').references(() => members.id),
    debitsPosted: integer('debits_posted').notNull().default(0),
    creditsPosted: integer('credits_posted').notNull().default(0),
    debitsPending: integer('debits_pending').notNull().default(0),
    creditsPending: integer('credits_pending').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('credit_accounts_library').on(t.libraryId), uniqueIndex('credit_accounts_member').on(t.memberId)],
);

export const TRANSFER_KINDS = ['grant', 'exchange', 'donation', 'adjustment', 'starting_grant'] as const;
export const TRANSFER_STATES = ['pending', 'posted', 'voided'] as const;

/**
 * Immutable transfers. A single-phase transfer is one `posted` row. A two-phase one is a
 * `pending` row (the hold) and later one row that `resolves` it, `posted` or `voided`: the unique
 * index on `resolves` is what makes a hold resolve at most once, whatever arrives twice or at once.
 */
export const creditTransfers = sqliteTable(
  'credit_transfers',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    /** Orders a library's transfers for statements and their running balance. */
    seq: integer('seq').notNull(),
    debitAccountId: text('debit_account_id').notNull().references(() => creditAccounts.id),
    creditAccountId: text('credit_account_id').notNull().references(() => creditAccounts.id),
    amountMinutes: integer('amount_minutes').notNull(),
    kind: text('kind', { enum: TRANSFER_KINDS }).notNull(),
    state: text('state', { enum: TRANSFER_STATES }).notNull(),
    resolves: text('resolves'),
    /** The exchange or request the transfer belongs to. */
    reference: text('reference'),
    reason: text('reason'),
    requestedBy: text('requested_by'),
    /** Unique per library: a transfer asked for twice is made once. */
    idempotencyKey: text('idempotency_key'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_transfers_seq').on(t.libraryId, t.seq),
    uniqueIndex('credit_transfers_resolves').on(t.resolves),
    uniqueIndex('credit_transfers_idempotency').on(t.libraryId, t.idempotencyKey),
    index('credit_transfers_debit').on(t.debitAccountId, t.seq),
    index('credit_transfers_credit').on(t.creditAccountId, t.seq),
  ],
);

export const EXCHANGE_STATUSES = ['requested', 'scheduled', 'completed', 'declined', 'lapsed', 'cancelled', 'no_show', 'disputed'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

/**
 * One hour between a member and an expert. Its status changes only through the state machine in
 * domain/exchanges.ts, each change a guarded UPDATE (`WHERE status = <from>`) in the same batch
 * as its event, its ledger move and its due work. Scheduling is one guarded write that refuses an
 * overlap with either party's other scheduled hours: the database, not a read in code, keeps
 * anyone from being booked twice.
 */
export const exchanges = sqliteTable(
  'exchanges',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    /** The member who asked for the hour (and pays it). */
    memberId: text('member_id').notNull().references(() => members.id),
    /** The expert who gives it (and earns it), and the profile she was asked through. */
    expertMemberId: text('expert_member_id').notNull().references(() => members.id),
    profileId: text('profile_id').notNull().references(() => profiles.id),
    /** Set when the exchange came from the request board: the skill request and the accepted response. */
    requestId: text('request_id'),
    responseId: text('response_id'),
    status: text('status', { enum: EXCHANGE_STATUSES }).notNull(),
    message: text('message').notNull().default(''),
    /** Up to three ISO times, UTC, the asker proposed (or the expert proposed back). */
    proposedTimes: text('proposed_times', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Who proposed the current times: the other party chooses among them. */
    proposedBy: text('proposed_by', { enum: ['member', 'expert'] }).notNull().default('member'),
    startsAt: text('starts_at'),
    endsAt: text('ends_at'),
    /** Where they meet: a video-call link or a place, said by whoever accepts. */
    meetingPlace: text('meeting_place'),
    memberTimeZone: text('member_time_zone').notNull().default('Europe/London'),
    expertTimeZone: text('expert_time_zone').notNull().default('Europe/London'),
    /** The ledger hold (credit_transfers.id) that reserves the member's hour while scheduled. */
    holdId: text('hold_id'),
    memberConfirmedAt: text('member_confirmed_at'),
    expertConfirmedAt: text('expert_confirmed_at'),
    /** Which party missed the hour, for `no_show`. */
    noShowParty: text('no_show_party', { enum: ['member', 'expert'] }),
    /** The reason given with a decline, a cancellation, a dispute or a reschedule. */
    reason: text('reason'),
    cancelledBy: text('cancelled_by'),
    /** The calendar invite's SEQUENCE: bumped by each reschedule and by the cancellation. */
    sequence: integer('sequence').notNull().default(0),
    /** When an unanswered request lapses. */
    lapsesAt: text('lapses_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [
    index('exchanges_member').on(t.libraryId, t.memberId, t.createdAt),
    index('exchanges_expert').on(t.libraryId, t.expertMemberId, t.createdAt),
    // The overlap guard reads each party's scheduled hours by start time.
    index('exchanges_expert_schedule').on(t.expertMemberId, t.status, t.startsAt),
    index('exchanges_member_schedule').on(t.memberId, t.status, t.startsAt),
    index('exchanges_request').on(t.requestId),
    // The survey sweep reads recently completed hours (`completed` is final, so `updated_at` is when it completed).
    index('exchanges_status_updated').on(t.status, t.updatedAt),
  ],
);

/** Everything that happened to an exchange, in order: who (null for the system), what, when. */
export const exchangeEvents = sqliteTable(
  'exchange_events',
  {
    id: text('id').primaryKey(),
    exchangeId: text('exchange_id').notNull().references(() => exchanges.id, { onDelete: 'cascade' }),
    actorMemberId: text('actor_member_id'),
    kind: text('kind').notNull(),
    /** What the change carried: times, the reason, the state it came from. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('exchange_events_exchange').on(t.exchangeId, t.createdAt)],
);

export const SHARE_LEVELS = ['private', 'library', 'public'] as const;

/**
 * What one party logs of a completed exchange: one log per party per exchange, replaced whole by
 * its author (guarded on `version`). The value rating and the project are the member's; the
 * expert's agreement to be named in public (`name_me_in_public`) is on her own log.
 */
export const outcomeLogs = sqliteTable(
  'outcome_logs',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    exchangeId: text('exchange_id').notNull().references(() => exchanges.id, { onDelete: 'cascade' }),
    authorMemberId: text('author_member_id').notNull().references(() => members.id),
    authorRole: text('author_role', { enum: ['member', 'expert'] }).notNull(),
    summary: text('summary').notNull(),
    /** Up to ten `{ title, url }`. */
    outputs: text('outputs', { mode: 'json' }).$type<{ title: string; url: string }[]>().notNull().default(sql`'[]'`),
    learning: text('learning').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    share: text('share', { enum: SHARE_LEVELS }).notNull().default('private'),
    /** The member's: 1 to 5. */
    valueRating: integer('value_rating'),
    /** The member's: the project the hour served, and the skill request it was taken from when it was. */
    projectName: text('project_name'),
    projectRequestId: text('project_request_id'),
    nameExpert: integer('name_expert', { mode: 'boolean' }).notNull().default(false),
    nameMeInPublic: integer('name_me_in_public', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('outcome_logs_author').on(t.exchangeId, t.authorMemberId), index('outcome_logs_library').on(t.libraryId, t.share, t.createdAt)],
);

export const REQUEST_STATUSES = ['open', 'matched', 'closed', 'lapsed'] as const;
export const PROJECT_STAGES = ['idea', 'planning', 'testing', 'implementing', 'spreading'] as const;

/** A member's ask on the request board, tied to her improvement project. */
export const skillRequests = sqliteTable(
  'skill_requests',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').notNull().references(() => members.id),
    title: text('title').notNull(),
    need: text('need').notNull(),
    projectName: text('project_name').notNull(),
    projectAim: text('project_aim').notNull().default(''),
    projectStage: text('project_stage', { enum: PROJECT_STAGES }).notNull(),
    categoryId: text('category_id').references(() => categories.id),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('open'),
    lapsesAt: text('lapses_at').notNull(),
    closedReason: text('closed_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index('skill_requests_board').on(t.libraryId, t.status, t.createdAt), index('skill_requests_member').on(t.memberId, t.createdAt)],
);

export const requestSkills = sqliteTable(
  'request_skills',
  {
    requestId: text('request_id').notNull().references(() => skillRequests.id, { onDelete: 'cascade' }),
    skillId: text('skill_id').notNull().references(() => skills.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.skillId] }), index('request_skills_skill').on(t.skillId)],
);

export const RESPONSE_STATUSES = ['open', 'accepted', 'not_chosen', 'withdrawn'] as const;

/** An expert's answer to a skill request: a message and up to three proposed times. One per expert per request. */
export const requestResponses = sqliteTable(
  'request_responses',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().references(() => skillRequests.id, { onDelete: 'cascade' }),
    expertMemberId: text('expert_member_id').notNull().references(() => members.id),
    profileId: text('profile_id').notNull().references(() => profiles.id),
    message: text('message').notNull(),
    proposedTimes: text('proposed_times', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    status: text('status', { enum: RESPONSE_STATUSES }).notNull().default('open'),
    exchangeId: text('exchange_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('request_responses_expert').on(t.requestId, t.expertMemberId)],
);

/** A safeguarding concern about an exchange: seen by the library's coordinators only. */
export const concerns = sqliteTable(
  'concerns',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    exchangeId: text('exchange_id').notNull().references(() => exchanges.id),
    reporterMemberId: text('reporter_member_id').notNull().references(() => members.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('concerns_library').on(t.libraryId, t.createdAt)],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * Webhook messages to partner sites, one row per event per partner, and their own leased queue
 * (domain/webhooks.ts). The id is the Standard Webhooks `webhook-id`, the same on every attempt
 * and replay, so a receiver can drop repeats. `payload` is the exact body sent and signed.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a pending message is next due; null once it is delivered or has failed. */
    nextAttemptAt: text('next_attempt_at'),
    /** The worker sending it now, and until when: past that, another worker may take it over. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: text('lease_expires_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_partner').on(t.partnerId, t.createdAt, t.id),
  ],
);

/**
 * Due work (reminders, mail, lapses, retries): one row a job, claimed by a worker with a lease so
 * two workers never run one job at once, and so a crashed worker's job is taken over once its lease
 * has passed (domain/jobs.ts). Times are ISO 8601 UTC text, compared as strings.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    /** The library the work belongs to, when it belongs to one: its jobs go with it. */
    libraryId: text('library_id').references(() => libraries.id, { onDelete: 'cascade' }),
    /** Which handler runs it (`mail`, …). */
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    /** Not before this time. */
    runAt: text('run_at').notNull(),
    /** Scheduling the same due work twice makes one row: the second insert is ignored. Kept for ever, done or cancelled. */
    dedupeKey: text('dedupe_key').unique(),
    /** How many times a worker has started it (counted when claimed, so a worker that dies mid-job counts too). */
    attempts: integer('attempts').notNull().default(0),
    /** After this many starts that did not finish, the job is given up (`failed_at`), keeping `last_error`. */
    maxAttempts: integer('max_attempts').notNull().default(10),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: text('lease_expires_at'),
    doneAt: text('done_at'),
    cancelledAt: text('cancelled_at'),
    failedAt: text('failed_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  // The claim reads only jobs still to do, oldest due first: done, cancelled and failed rows leave the index.
  (t) => [index('jobs_due').on(t.runAt, t.id).where(sql`done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL`)],
);

export const CONSENT_PURPOSES = ['equality_monitoring'] as const;

/**
 * Each consent a member gave, with the version of the wording she was shown, and when she
 * withdrew it. A new consent is a new row: the history of what she agreed to stays readable.
 */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    wordingVersion: text('wording_version').notNull(),
    givenAt: text('given_at').notNull(),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('consents_member').on(t.memberId, t.purpose, t.givenAt)],
);

/**
 * Equality-monitoring answers: special-category data (UK GDPR Article 9). Their own table, read
 * only by the member herself and by the reports' totals; no other query joins it, and withdrawing
 * the consent deletes the row in the same batch.
 */
export const equalityAnswers = sqliteTable('equality_answers', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  libraryId: text('library_id').notNull().references(() => libraries.id),
  /** An NHS Data Dictionary ethnic category code; `Z` is "not stated" (she preferred not to say). */
  ethnicCategory: text('ethnic_category').notNull(),
  gender: text('gender').notNull(),
  disability: text('disability').notNull(),
  answeredAt: text('answered_at').notNull(),
});

export const INSTRUMENT_KINDS = ['baseline', 'after_exchange', 'follow_up_3m', 'follow_up_6m'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/**
 * The questions of each evaluation instrument, one row per version a coordinator wrote. A change
 * is a new row, never an edit, so every answer can be read against the questions it answered.
 * Version 1 of each kind is the seeded default in code (domain/instruments.ts) until a library
 * writes version 2.
 */
export const instrumentVersions = sqliteTable(
  'instrument_versions',
  {
    libraryId: text('library_id').notNull().references(() => libraries.id),
    kind: text('kind', { enum: INSTRUMENT_KINDS }).notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    questions: text('questions', { mode: 'json' }).$type<unknown[]>().notNull(),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.libraryId, t.kind, t.version] })],
);

/**
 * One survey owed by one member: an instrument's kind, the version current when it fell due, the
 * exchange it asks about (after an exchange), and her answers once she gave them. `occasion`
 * names why it is owed (`after_exchange:<exchange>:<member>`, `baseline:<member>`): the sweep that
 * makes surveys due inserts each occasion once, however many workers run it.
 */
export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    libraryId: text('library_id').notNull().references(() => libraries.id),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INSTRUMENT_KINDS }).notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    exchangeId: text('exchange_id').references(() => exchanges.id),
    occasion: text('occasion').notNull().unique(),
    dueAt: text('due_at').notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>(),
    answeredAt: text('answered_at'),
    /** When its one reminder was queued. */
    remindedAt: text('reminded_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('surveys_member').on(t.memberId, t.answeredAt, t.dueAt), index('surveys_reminders').on(t.answeredAt, t.remindedAt, t.dueAt)],
);
