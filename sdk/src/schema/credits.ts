import { z } from 'zod';
import { PageQuery, pageOf, singleLineText } from './common.js';
import { Member, MemberId } from './identity.js';

/**
 * Time credits. The ledger counts whole minutes; the API shows hours beside them. Requests move
 * whole or half hours only, so every amount is an exact number of minutes.
 */
export const Hours = z
  .number({ error: 'must be a number of hours' })
  .positive({ error: 'must be more than 0' })
  .max(1000, { error: 'must be at most 1000 hours' })
  .refine((hours) => Number.isInteger(hours * 2), { error: 'must be whole or half hours (1, 1.5, 2 …)' })
  .meta({ description: 'Whole or half hours.' });

export const CreditBalance = z
  .object({
    balance: z.number().meta({ description: 'Posted hours: earned and given minus spent.' }),
    held: z.number().meta({ description: 'Hours reserved by exchanges not yet completed or released.' }),
    available: z.number().meta({ description: 'What may still be spent: balance − held + the library’s overdraft.' }),
    balanceMinutes: z.number().int(),
    heldMinutes: z.number().int(),
    availableMinutes: z.number().int(),
    overdraftMinutes: z.number().int(),
  })
  .meta({ id: 'CreditBalance' });

/** An account as the API names it: the library's fund, or a member by her id. */
export const CreditAccountRef = z.union([z.literal('fund'), MemberId]).meta({ description: '`fund`, or a member id.' });

/** `GET /me`: the signed-in member with her credit balance. */
export const Me = Member.extend({ credits: CreditBalance }).meta({ id: 'Me' });

export const CreditTransfer = z
  .object({
    id: z.string(),
    kind: z.enum(['grant', 'exchange', 'donation', 'adjustment', 'starting_grant']),
    state: z.enum(['pending', 'posted', 'voided']).meta({ description: '`pending`: a hold; `posted` or `voided`: a transfer, or the row resolving the hold named by `resolves`.' }),
    resolves: z.string().nullable(),
    from: CreditAccountRef,
    to: CreditAccountRef,
    hours: z.number(),
    minutes: z.number().int(),
    reference: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.string(),
    runningBalance: z.number().nullable().meta({ description: 'On a statement: the account’s posted balance in hours after this transfer. Null in the whole library’s list.' }),
    runningBalanceMinutes: z.number().int().nullable(),
  })
  .meta({ id: 'CreditTransfer' });

export const CreditTransferPage = pageOf(CreditTransfer).meta({ id: 'CreditTransferPage' });

export const CreditTransfersQuery = PageQuery.extend({
  account: z
    .union([z.literal('all'), CreditAccountRef])
    .optional()
    .meta({ description: 'Coordinators: `all` (every transfer), `fund`, or a member id. Members see their own statement only.' }),
});

export const DonationCreate = z.strictObject({ to: CreditAccountRef, hours: Hours }).meta({ id: 'DonationCreate' });

export const GrantCreate = z
  .strictObject({ to: MemberId, hours: Hours, reason: singleLineText({ max: 200, required: true }) })
  .meta({ id: 'GrantCreate' });

/** The library's credit rules, part of its settings. */
export const CreditPolicy = z
  .object({
    startingGrantHours: z.number(),
    overdraftHours: z.number(),
    fundNegativeLimitHours: z.number(),
    lateCancel: z.enum(['keep', 'release']).meta({ description: 'What a late cancellation or a no-show does with the hold: `keep` posts it to the expert.' }),
    lateCancelWindowHours: z.number(),
  })
  .meta({ id: 'CreditPolicy' });

const PolicyHours = z
  .number({ error: 'must be a number of hours' })
  .min(0, { error: 'must be 0 or more' })
  .max(10_000, { error: 'must be at most 10000 hours' })
  .refine((hours) => Number.isInteger(hours * 2), { error: 'must be whole or half hours' });

export const CreditPolicyUpdate = z
  .strictObject({
    startingGrantHours: PolicyHours.optional(),
    overdraftHours: PolicyHours.optional(),
    fundNegativeLimitHours: PolicyHours.optional(),
    lateCancel: z.enum(['keep', 'release']).optional(),
    lateCancelWindowHours: PolicyHours.optional(),
  })
  .meta({ id: 'CreditPolicyUpdate' });

export type Hours = z.infer<typeof Hours>;
export type CreditBalance = z.infer<typeof CreditBalance>;
export type Me = z.infer<typeof Me>;
export type CreditTransfer = z.infer<typeof CreditTransfer>;
export type CreditTransferPage = z.infer<typeof CreditTransferPage>;
export type CreditTransfersQuery = Partial<z.output<typeof CreditTransfersQuery>>;
export type DonationCreate = z.input<typeof DonationCreate>;
export type GrantCreate = z.input<typeof GrantCreate>;
export type CreditPolicy = z.infer<typeof CreditPolicy>;
export type CreditPolicyUpdate = z.input<typeof CreditPolicyUpdate>;
