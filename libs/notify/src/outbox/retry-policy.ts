/** First retry after about 20 s, doubling each time, never more than an hour apart. */
const BASE_MS = 10_000;
const CAP_MS = 3_600_000;
/** ±20 %: workers that failed together (SMTP went down for all) do not all come back in the same second. */
const JITTER = 0.2;

/**
 * How long to wait before the next try after `attempts` failed ones: 10 s · 2^attempts, jittered, capped at 1 h.
 * With the default 8 attempts a message the server keeps refusing is retried for about three quarters of an hour
 * before it is dead-lettered; one waiting for a server that cannot be reached is retried, an hour apart at most, until
 * it is back (OutboxSender).
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = BASE_MS * 2 ** Math.min(Math.max(attempts, 1), 20);
  const jittered = exponential * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(jittered, CAP_MS));
}

/** A message that has failed `attempts` times of `maxAttempts` is not tried again; an admin may resend it. */
export const isExhausted = (attempts: number, maxAttempts: number) => attempts >= maxAttempts;

/**
 * How long a message waits while the server cannot be reached at all, `downForMs` after this worker first found it
 * so: half the outage so far (at least 20 s), jittered, capped at 1 h. Such a wait counts no attempt (the message is
 * not at fault), so the backoff follows the outage rather than the attempt count.
 */
export function outageRetryDelayMs(downForMs: number, random: () => number = Math.random): number {
  const base = Math.max(2 * BASE_MS, downForMs / 2);
  return Math.round(Math.min(base * (1 - JITTER + 2 * JITTER * random()), CAP_MS));
}
