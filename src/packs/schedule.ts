/**
 * When a subscription is checked next. After a check, one update interval later, plus up to a
 * tenth of it at random, so that many browsers installed together do not all ask a server at the
 * same minute. After a failure, a shorter wait that doubles with every failure in a row, never
 * longer than the interval: a flaky server is tried again soon, a dead one is not hammered.
 */
import { DEFAULT_UPDATE_INTERVAL_HOURS, MAX_UPDATE_INTERVAL_HOURS, MIN_UPDATE_INTERVAL_HOURS } from '../rules/schema';

export const HOUR_MS = 3_600_000;
/** The share of the interval added at random. */
export const JITTER = 0.1;
/** The first wait after a failure. */
export const FIRST_RETRY_MS = 15 * 60_000;

/** The interval a pack asks for, within the bounds the schema sets (a stored pack is trusted no further). */
export function updateIntervalMs(requestedHours: number | undefined): number {
  const hours = Math.min(MAX_UPDATE_INTERVAL_HOURS, Math.max(MIN_UPDATE_INTERVAL_HOURS, requestedHours ?? DEFAULT_UPDATE_INTERVAL_HOURS));
  return hours * HOUR_MS;
}

/** random() is in [0, 1), as Math.random's. */
export function nextCheckAfterSuccess(now: number, intervalMs: number, random: number): number {
  return now + intervalMs + Math.floor(intervalMs * JITTER * random);
}

/** failures counts this one: 1 after the first failure. */
export function nextCheckAfterFailure(now: number, intervalMs: number, failures: number, random: number): number {
  const wait = Math.min(intervalMs, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return now + wait + Math.floor(wait * JITTER * random);
}
