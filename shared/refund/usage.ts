// What the usage facts say: whether the membership was used, since when, for how many days, and
// what perks were redeemed. All instants are compared in epoch ms; days are local dates in the
// policy's timezone.
import { daysBetween, instantMs, toLocalDate } from '../time/local-date';
import type { Basis, UsageEvent } from './schema';

/**
 * The usage start: the activation time, or — with no activation record — the earliest usage
 * event. Null means the membership was never used. Returned as given (not re-formatted) so the
 * quote shows the very value the facts hold.
 */
export function usageStart(activatedAt: string | null, usage: UsageEvent[]): string | null {
  if (activatedAt !== null) return activatedAt;
  let earliest: UsageEvent | null = null;
  for (const e of usage) {
    if (earliest === null || instantMs(e.at) < instantMs(earliest.at)) earliest = e;
  }
  return earliest === null ? null : earliest.at;
}

function eventsBetween(usage: UsageEvent[], fromMs: number, toMs: number): UsageEvent[] {
  return usage.filter((e) => {
    const at = instantMs(e.at);
    return fromMs <= at && at <= toMs;
  });
}

/** Used days on the quote's basis, clamped to [0, totalDays]. */
export function countUsedDays(args: {
  basis: Basis;
  startIso: string;
  asOfIso: string;
  usage: UsageEvent[];
  totalDays: number;
  timezone: string;
}): number {
  const { basis, startIso, asOfIso, usage, totalDays, timezone } = args;
  let days: number;
  if (basis.kind === 'calendar') {
    // Both the start date and the quote date count: 11-01 10:00 → 11-10 15:00 is 10 days.
    days = daysBetween(toLocalDate(startIso, timezone), toLocalDate(asOfIso, timezone)) + 1;
  } else if (basis.kind === 'evidence') {
    // Disputes: only the dates the member demonstrably used the membership. No minimum — a
    // member with an activation but no recorded use has used 0 days on this basis.
    const inRange = eventsBetween(usage, instantMs(startIso), instantMs(asOfIso));
    days = new Set(inRange.map((e) => toLocalDate(e.at, timezone))).size;
  } else {
    days = basis.usedDays;
  }
  return Math.min(Math.max(days, 0), totalDays);
}

/** Perks redeemed from the usage start to the quote: their total value and how many. */
export function redeemedPerks(usage: UsageEvent[], startIso: string, asOfIso: string): { valueFen: number; count: number } {
  const perks = eventsBetween(usage, instantMs(startIso), instantMs(asOfIso)).filter((e) => e.kind === 'perk_redemption');
  const valueFen = perks.reduce((sum, e) => sum + (e.valueFen ?? 0), 0);
  // Each value is capped by the schema, but thousands of them could still leave exact integers.
  if (!Number.isSafeInteger(valueFen)) throw new RangeError('Redeemed perk values overflow');
  return { valueFen, count: perks.length };
}
