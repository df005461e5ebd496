/** Time comes from here so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves forward, on request: what a development server runs on, so a demo or a
 * system check can make tomorrow's reminders due now (`POST /v1/dev/clock`). The app and the worker
 * in one process share it; another process (a separate `talking-library worker`) keeps its own time.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Moves the clock forward by whole minutes, and returns the new time. */
  advance(minutes: number): Date {
    if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError('a clock moves forward by a whole number of minutes');
    this.offsetMs += minutes * 60_000;
    return this.now();
  }
}
