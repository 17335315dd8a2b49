/** Characters of a body shown in a search result before it is cut around the match. */
export const EXCERPT_CHARS = 360;

/**
 * A long body cut to the part around the first match of `q` (case-insensitive), with "…"
 * where text was left out; short bodies, and bodies without the match, come back whole or
 * from their start.
 */
export function excerpt(body: string, q: string | undefined, max = EXCERPT_CHARS): string {
  const chars = Array.from(body);
  if (chars.length <= max) return body;
  const at = q ? body.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return `${chars.slice(0, max).join('')}…`;
  const charAt = Array.from(body.slice(0, at)).length;
  const start = Math.max(0, Math.min(charAt - Math.floor(max / 3), chars.length - max));
  const end = start + max;
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
