// Money is integer fen everywhere; this is the one place it becomes yuan text (quote labels,
// message templates), so every screen and message shows the same '¥12.34' form (docs/spec.md §2).

/** formatFen(1234) === '¥12.34'; formatFen(-834) === '−¥8.34' (U+2212, as in the breakdowns). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Money must be an integer number of fen: ${fen}`);
  const abs = Math.abs(fen);
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '−' : ''}¥${Math.floor(abs / 100)}.${cents}`;
}

/** A signed amount for a breakdown line: '+¥25.00', '−¥8.34', '¥0.00'. */
export function formatSignedFen(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}
