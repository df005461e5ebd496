/**
 * At most `width` tasks at once; the rest wait their turn, in order, costing nothing while they
 * wait. For work that keeps the event loop busy: the embedded database answers on it, so twenty
 * heavy searches interleaved would each take a slice in every turn of the loop, and a health
 * check arriving behind them would wait for all twenty slices. Let two through at a time and it
 * waits for two.
 */
export class Gate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly width: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.width) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await task();
    } finally {
      // The turn passes straight to the next in line, so #running counts it without a gap.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
