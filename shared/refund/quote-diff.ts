// Two quotes side by side (docs/spec.md §4.4): in a dispute the agent recomputes on another basis and
// sees where the amounts differ. Quotes are never overwritten, so `a` is the older one.
import { lineCodeSchema, type Basis, type LineCode, type Quote, type QuoteLine } from './schema';

export type QuoteDiffRow = {
  code: LineCode;
  /** A title for the row; each quote's own wording (with its numbers) is in aLine / bLine. */
  labelZh: string;
  labelEn: string;
  aFen: number | null; // null: quote A has no such line
  bFen: number | null;
  deltaFen: number; // b − a, a missing line counting as 0
  aLine: QuoteLine | null;
  bLine: QuoteLine | null;
};

export type QuoteDiff = {
  rows: QuoteDiffRow[];
  summary: {
    amountDeltaFen: number; // b − a
    usedDaysDelta: number; // b − a
    outcomeChanged: boolean;
    basisA: Basis;
    basisB: Basis;
  };
};

const ROW_TITLES: Record<LineCode, { zh: string; en: string }> = {
  paid: { zh: '已付金额', en: 'Amount paid' },
  used_days: { zh: '已使用天数扣减', en: 'Used days' },
  perk_deduction: { zh: '已兑换道具扣减', en: 'Redeemed perks' },
  already_refunded: { zh: '已退款', en: 'Already refunded' },
  floor_at_zero: { zh: '不低于零的调整', en: 'Floor at zero' },
  no_refund: { zh: '不予退款', en: 'No refund' },
};

/** The line with a code, merged if a quote holds several (the engine never emits duplicates). */
function lineFor(quote: Quote, code: LineCode): QuoteLine | null {
  const matches = quote.lines.filter((l) => l.code === code);
  const [first, ...others] = matches;
  if (!first) return null;
  if (others.length === 0) return first;
  return {
    ...first,
    labelZh: matches.map((l) => l.labelZh).join('；'),
    labelEn: matches.map((l) => l.labelEn).join('; '),
    amountFen: matches.reduce((sum, l) => sum + l.amountFen, 0),
  };
}

export function diffQuotes(a: Quote, b: Quote): QuoteDiff {
  // One fixed row order (the order lines appear in a quote), whichever quote has the line.
  const rows: QuoteDiffRow[] = [];
  for (const code of lineCodeSchema.options) {
    const aLine = lineFor(a, code);
    const bLine = lineFor(b, code);
    if (aLine === null && bLine === null) continue;
    const aFen = aLine?.amountFen ?? null;
    const bFen = bLine?.amountFen ?? null;
    rows.push({
      code,
      labelZh: ROW_TITLES[code].zh,
      labelEn: ROW_TITLES[code].en,
      aFen,
      bFen,
      deltaFen: (bFen ?? 0) - (aFen ?? 0),
      aLine,
      bLine,
    });
  }
  return {
    rows,
    summary: {
      amountDeltaFen: b.amountFen - a.amountFen,
      usedDaysDelta: b.usedDays - a.usedDays,
      outcomeChanged: a.outcome !== b.outcome,
      basisA: a.basis,
      basisB: b.basis,
    },
  };
}
