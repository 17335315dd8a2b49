// What the one search box was given (docs/spec.md §4.1). The kinds are tried from the most specific
// shape to the least; anything else is a transaction id or part of a nickname.
export type SearchKey =
  | { kind: 'orderNo'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'phoneLast4'; value: string }
  | { kind: 'uid'; value: string }
  | { kind: 'email'; value: string }
  /** transaction ids have no single shape: an exact id, or else part of a nickname */
  | { kind: 'text'; value: string };

export function classifySearch(raw: string): SearchKey | null {
  const q = raw.trim();
  if (!q) return null;
  if (/^KM\d{15}$/i.test(q)) return { kind: 'orderNo', value: q.toUpperCase() };
  const digits = q.replace(/[\s-]/g, '');
  if (/^(\+?86)?1[3-9]\d{9}$/.test(digits)) return { kind: 'phone', value: digits.slice(-11) };
  if (/^\d{4}$/.test(q)) return { kind: 'phoneLast4', value: q };
  if (/^\d{6,10}$/.test(q)) return { kind: 'uid', value: q };
  // an address with a name, one '@' and a dotted domain; other text with an '@' is not one
  if (/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(q)) return { kind: 'email', value: q.toLowerCase() };
  return { kind: 'text', value: q };
}

/** Every distinct 1- and 2-character fragment of a name (by code point, lower-cased). */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name.toLowerCase());
  const grams = new Set<string>();
  chars.forEach((c, i) => {
    grams.add(c);
    if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
  });
  return [...grams];
}
