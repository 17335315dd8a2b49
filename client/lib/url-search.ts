// The screens keep their searches in the URL, so a search can be bookmarked, shared and
// reloaded. These read one raw value each as the router hands it over and drop what does not
// parse, rather than failing the page on a hand-edited link.

/** Trimmed text up to `max` characters. The router reads `?q=123` as a number: it is text here. */
export function text(value: unknown, max: number): string | undefined {
  const raw = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function oneOf<T extends string>(list: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Text of the given shape (a date, a username, a plan code). */
export function matching(value: unknown, re: RegExp, max = 200): string | undefined {
  const s = text(value, max);
  return s && re.test(s) ? s : undefined;
}

/**
 * Leaves absent keys out: the URL stays clean (?q=… rather than ?q=…&status=undefined), and a
 * query input without them makes a stable cache key.
 */
export function compact<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as T;
}

/** A search about to be navigated to: a box the user emptied ('') leaves the URL too. */
export function clean<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as T;
}
