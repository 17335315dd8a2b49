// Sign-in throttling: after 10 failures within 5 minutes, for one account or from one
// address, further attempts get TOO_MANY_REQUESTS until the window passes. The same answer
// is given whether or not the account exists. Kept in memory: one server process.
const WINDOW_MS = 5 * 60_000;
export const MAX_FAILURES = 10;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function isThrottled(keys: string[], now: number): boolean {
  return keys.some((k) => recent(k, now).length >= MAX_FAILURES);
}

export function recordFailure(keys: string[], now: number): void {
  for (const k of keys) failures.set(k, [...recent(k, now), now]);
}

export function clearFailures(key: string): void {
  failures.delete(key);
}

export function resetThrottle(): void {
  failures.clear();
}
