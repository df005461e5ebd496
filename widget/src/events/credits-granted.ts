import type { CreditTransfer } from '@talking-library/sdk';

/** A coordinator granted hours from the library's fund to a member in `<tl-credits>`. */
export class TlCreditsGrantedEvent extends Event {
  /** The posted grant: `from` is `fund`, `to` the member, `hours` and `reason` as entered. */
  readonly transfer: CreditTransfer;

  constructor(transfer: CreditTransfer) {
    super('tl-credits-granted', { bubbles: true, composed: true });
    this.transfer = transfer;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tl-credits-granted': TlCreditsGrantedEvent;
  }
}
