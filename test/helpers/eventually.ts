/** Waits until `condition` holds, checking every 50 ms; fails with `what` if it never does within the test's patience. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, patienceMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + patienceMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
