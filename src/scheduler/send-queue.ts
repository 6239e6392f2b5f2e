/**
 * Lets sends through one at a time, at most `perSecond`, so a minute when a thousand servers are due
 * never trips Discord's global limit (50 requests a second per bot). `pause` holds every send for as long
 * as Discord asked after a 429; a retry goes to the front of the line.
 */
export function createSendQueue(perSecond: number, now: () => number = Date.now) {
  const interval = 1000 / perSecond;
  const waiting: (() => void)[] = [];
  let nextAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const arm = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, delay);
  };

  function pump() {
    timer = undefined;
    while (waiting.length > 0) {
      const t = now();
      if (t < nextAt) {
        arm(nextAt - t);
        return;
      }
      nextAt = t + interval;
      waiting.shift()?.();
    }
  }

  return {
    perSecond,
    /** Resolves when this send may go. */
    turn({ first = false }: { first?: boolean } = {}): Promise<void> {
      return new Promise((resolve) => {
        if (first) waiting.unshift(resolve);
        else waiting.push(resolve);
        if (!timer) pump();
      });
    },
    /** Holds every send for `ms` (Discord's `retry_after`). */
    pause(ms: number) {
      nextAt = Math.max(nextAt, now() + ms);
      if (waiting.length > 0) arm(nextAt - now());
    },
    /** Sends waiting for their turn. */
    get waiting() {
      return waiting.length;
    },
    /** Lets every waiting send go at once (the runner is stopping: they see it and give up). */
    release() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
export type SendQueue = ReturnType<typeof createSendQueue>;
