/** An axis tick in yuan: ¥80, ¥1200, ¥15k (the tooltip and tables show exact amounts). */
export function yuanTick(v: number): string {
  return v >= 10_000 ? `¥${Math.round(v / 1000)}k` : `¥${Math.round(v)}`;
}
