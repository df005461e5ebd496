import type { PartnerWithKeys } from '@talking-library/sdk/schema';
import type { Io } from './command.js';

/** The keys of a new or rotated partner, each on a line of its own so a script can pick one out. */
export function printKeys(io: Io, partner: PartnerWithKeys): void {
  io.out('');
  io.out('These keys are shown once. Store them now; rotate-partner makes new ones.');
  if (partner.publishableKey) {
    io.out('Publishable key (the embed snippet’s publishable-key; safe in pages on the allowed origins):');
    io.out(partner.publishableKey);
  }
  if (partner.secretKey) {
    io.out('Secret key (server to server only: Authorization: Bearer sk_…):');
    io.out(partner.secretKey);
  }
  if (partner.jwtSecret) {
    io.out('JWT secret (HS256, for signing member tokens on your server):');
    io.out(partner.jwtSecret);
  }
}
