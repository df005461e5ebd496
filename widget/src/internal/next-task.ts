/**
 * Resolves in a task of its own, after the browser has had a chance to paint and to handle input.
 * Work split at these points stays in tasks short enough not to block the page: a long task (over
 * 50 ms) is what a partner's page pays for in total blocking time, however little else it does.
 * `scheduler.yield()` where the browser has it (it resumes ahead of other queued work); else a
 * message to ourselves, which, unlike a timer, is not slowed in a background tab.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
