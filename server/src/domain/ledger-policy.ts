import type { CreditPolicy, CreditPolicyUpdate } from '@talking-library/sdk/schema';
import type { libraries } from '../db/schema.js';

type PolicyColumns = Pick<typeof libraries.$inferSelect, 'startingGrantMinutes' | 'overdraftMinutes' | 'fundNegativeLimitMinutes' | 'lateCancelRule' | 'lateCancelWindowMinutes'>;

/** A library's credit rules as the API shows them, in hours (the columns hold whole minutes). */
export function creditPolicy(row: PolicyColumns): CreditPolicy {
  return {
    startingGrantHours: row.startingGrantMinutes / 60,
    overdraftHours: row.overdraftMinutes / 60,
    fundNegativeLimitHours: row.fundNegativeLimitMinutes / 60,
    lateCancel: row.lateCancelRule,
    lateCancelWindowHours: row.lateCancelWindowMinutes / 60,
  };
}

/**
 * The columns a policy change sets. Hours arrive as whole or half hours (the schema checks), so
 * each is an exact number of minutes. A change applies from the next transfer on: balances
 * already below a lowered overdraft stay as they are, and only further spending is refused.
 */
export function creditPolicyColumns(update: CreditPolicyUpdate | undefined): Partial<PolicyColumns> {
  if (!update) return {};
  const minutes = (hours: number | undefined) => (hours === undefined ? undefined : Math.round(hours * 60));
  const columns: Partial<PolicyColumns> = {
    startingGrantMinutes: minutes(update.startingGrantHours),
    overdraftMinutes: minutes(update.overdraftHours),
    fundNegativeLimitMinutes: minutes(update.fundNegativeLimitHours),
    lateCancelRule: update.lateCancel,
    lateCancelWindowMinutes: minutes(update.lateCancelWindowHours),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}
