import { z } from 'zod';
import { atLeastOneField, LibraryPathParams, pageOf, Version, multiLineText, plainText, PLAIN_TEXT_ERROR, prefixedId, singleLineText } from './common.js';

export const ROLES = ['member', 'expert', 'coordinator'] as const;
export const Role = z.enum(ROLES);

/** Emails are compared lower-cased and trimmed: one person, one member. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address' }).max(254, { error: 'must be at most 254 characters' }));

export const MemberId = prefixedId('mem');

export const REQUEST_ALERTS = ['instant', 'weekly', 'off'] as const;
export const RequestAlerts = z.enum(REQUEST_ALERTS);

export const Member = z
  .object({
    id: MemberId,
    name: z.string(),
    email: z.string(),
    roles: z.array(Role),
    library: z.string().meta({ description: 'The slug of the library this membership belongs to.' }),
    requestAlerts: RequestAlerts.optional().meta({
      description: 'How she hears of new skill requests matching her profile: `instant` (an email each), `weekly` (a digest) or `off`.',
    }),
  })
  .meta({ id: 'Member' });

export const Session = z
  .object({
    sessionToken: z.string().meta({ description: 'Send as `Authorization: Bearer <sessionToken>`. Shown once.' }),
    member: Member,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' });

export const PartnerTokenExchange = z
  .strictObject({
    token: z
      .string({ error: 'must be the JWT your back end signed' })
      .min(1, { error: 'must be the JWT your back end signed' })
      .max(8192, { error: 'must be at most 8192 characters' })
      .refine(plainText, PLAIN_TEXT_ERROR),
  })
  .meta({ id: 'PartnerTokenExchange' });

export const MemberUpdate = z
  .strictObject({
    name: singleLineText({ max: 120, required: true }).optional().meta({ description: 'The name to show. Once chosen here, sign-ins never change it.' }),
    requestAlerts: RequestAlerts.optional().meta({ description: 'How to hear of new skill requests that match your profile: `instant`, `weekly` (a digest) or `off`.' }),
  })
  // An empty body is most often a name left out: say so on `name`.
  .refine((body) => body.name !== undefined || body.requestAlerts !== undefined, { error: 'is required, unless you change requestAlerts', path: ['name'] })
  .meta({ id: 'MemberUpdate' });

export const IdentityLink = z
  .strictObject({
    token: z
      .string({ error: 'must be a JWT the partner site signed for you' })
      .min(1, { error: 'must be a JWT the partner site signed for you' })
      .max(8192, { error: 'must be at most 8192 characters' })
      .refine(plainText, PLAIN_TEXT_ERROR),
  })
  .meta({ id: 'IdentityLink' });

export const MemberIdentity = z
  .object({
    partnerId: z.string(),
    subject: z.string().meta({ description: 'The partner’s id for the person (the token’s `sub`).' }),
    linkedBy: z.enum(['partner', 'member']).meta({ description: '`member`: she linked it herself, so it signs her in whatever her roles.' }),
    createdAt: z.string(),
  })
  .meta({ id: 'MemberIdentity' });

export const EmailLinkRequest = z
  .strictObject({
    email: Email,
    redirectUrl: z
      .url({ error: 'must be an absolute URL on one of the library’s partner sites' })
      .refine(plainText, PLAIN_TEXT_ERROR)
      .optional()
      .meta({ description: 'Where the link in the email leads; the code and email follow in its fragment.' }),
  })
  .meta({ id: 'EmailLinkRequest' });

export const EmailCodeVerify = z
  .strictObject({
    email: Email,
    code: z.string().trim().regex(/^\d{6}$/, { error: 'must be the 6-digit code from the email' }),
  })
  .meta({ id: 'EmailCodeVerify' });

export const Accepted = z.object({ status: z.literal('accepted'), detail: z.string() }).meta({ id: 'Accepted' });

const Origin = z
  .string()
  .max(300, { error: 'must be at most 300 characters' })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, { error: 'must be an origin such as https://partner.example (scheme, host and port only)' });

const PublicKeyPem = multiLineText({ max: 4096 })
  .regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, { error: 'must be a PEM-encoded SPKI public key' });

export const PartnerId = prefixedId('ptn');

export const Partner = z
  .object({
    id: PartnerId,
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    publishableKeyHint: z.string().meta({ description: 'The last characters of the publishable key, to tell keys apart.' }),
    secretKeyHint: z.string(),
    jwtPublicKeyAlg: z.enum(['EdDSA', 'RS256']).nullable(),
    webhookUrl: z.string().nullable(),
    webhookSecretHint: z
      .string()
      .nullable()
      .meta({ description: 'The last characters of the webhook signing secret; null until a webhook URL is first set. The secret itself is shown once.' }),
    createdAt: z.string(),
    version: Version,
  })
  .meta({ id: 'Partner' });

/** Returned on creation and rotation only: the keys are stored hashed and never shown again. */
export const PartnerWithKeys = Partner.extend({
  publishableKey: z.string().meta({ description: '`pk_…`: safe in browsers on the allowed origins.' }),
  secretKey: z.string().meta({ description: '`sk_…`: for server-to-server calls. Keep it secret.' }),
  jwtSecret: z.string().meta({ description: 'HS256 secret for signing member tokens.' }),
  webhookSecret: z
    .string()
    .optional()
    .meta({ description: '`whsec_…`: verifies our webhooks (Standard Webhooks). Present only when this response made it: a partner created with a `webhookUrl`.' }),
}).meta({ id: 'PartnerWithKeys' });

const WebhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).refine(plainText, PLAIN_TEXT_ERROR);

export const PartnerCreate = z
  .strictObject({
    name: singleLineText({ max: 120, required: true }),
    allowedOrigins: z.array(Origin).max(20, { error: 'may list at most 20 origins' }).default([]),
    jwtPublicKey: PublicKeyPem.optional(),
    jwtPublicKeyAlg: z.enum(['EdDSA', 'RS256']).optional(),
    webhookUrl: WebhookUrl.nullable().optional(),
  })
  .refine((p) => !p.jwtPublicKey === !p.jwtPublicKeyAlg, { error: 'give both jwtPublicKey and jwtPublicKeyAlg, or neither', path: ['jwtPublicKeyAlg'] })
  .meta({ id: 'PartnerCreate' });

export const PartnerUpdate = atLeastOneField(
  z.strictObject({
    name: singleLineText({ max: 120, required: true }).optional(),
    allowedOrigins: z.array(Origin).max(20, { error: 'may list at most 20 origins' }).optional(),
    jwtPublicKey: PublicKeyPem.nullable().optional(),
    jwtPublicKeyAlg: z.enum(['EdDSA', 'RS256']).nullable().optional(),
    webhookUrl: WebhookUrl.nullable().optional(),
  }),
)
  // A new public key is read with its algorithm, as on creation: one without the other would leave sign-in broken.
  .refine((p) => !p.jwtPublicKey === !p.jwtPublicKeyAlg, { error: 'give both jwtPublicKey and jwtPublicKeyAlg, or neither', path: ['jwtPublicKeyAlg'] })
  .meta({ id: 'PartnerUpdate' });

export const PartnerRotate = z
  .strictObject({ keys: z.array(z.enum(['publishable', 'secret', 'jwt'])).min(1, { error: 'name at least one key to rotate' }) })
  .meta({ id: 'PartnerRotate' });

export const PartnerPathParams = LibraryPathParams.extend({ id: PartnerId });

export const Invite = z
  .object({ id: prefixedId('inv'), email: z.string(), createdAt: z.string() })
  .meta({ id: 'Invite' });

export const InviteCreate = z.strictObject({ email: Email }).meta({ id: 'InviteCreate' });

export const MemberRolesUpdate = z
  .strictObject({ roles: z.array(Role).min(1).refine((r) => r.includes('member'), { error: 'must include member' }) })
  .meta({ id: 'MemberRolesUpdate' });

export const MemberPage = z.object({ data: z.array(Member), nextCursor: z.string().nullable() }).meta({ id: 'MemberPage' });
export const MemberPathParams = LibraryPathParams.extend({ id: MemberId });
export const InviteList = pageOf(Invite).meta({ id: 'InviteList' });
export const PartnerPage = pageOf(Partner).meta({ id: 'PartnerPage' });

export type Role = z.infer<typeof Role>;
export type Accepted = z.infer<typeof Accepted>;
export type Member = z.infer<typeof Member>;
export type Session = z.infer<typeof Session>;
export type EmailLinkRequest = z.input<typeof EmailLinkRequest>;
export type MemberUpdate = z.input<typeof MemberUpdate>;
export type MemberIdentity = z.infer<typeof MemberIdentity>;
export type EmailCodeVerify = z.input<typeof EmailCodeVerify>;
export type Partner = z.infer<typeof Partner>;
export type PartnerWithKeys = z.infer<typeof PartnerWithKeys>;
export type PartnerCreate = z.input<typeof PartnerCreate>;
export type PartnerUpdate = z.input<typeof PartnerUpdate>;
export type Invite = z.infer<typeof Invite>;
export type InviteList = z.infer<typeof InviteList>;
export type PartnerPage = z.infer<typeof PartnerPage>;
