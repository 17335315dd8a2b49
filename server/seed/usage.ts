// Usage events of one order: logins, playbacks, perk redemptions and discount uses between the
// activation and the end of the membership (or now). Each order draws from its own seeded
// stream, so its events can be generated again — for a case's quote and for the bulk write —
// and come out the same.
import { itemAt } from './item-at';
import type { SeedOrder } from './orders';
import { chance, int, mixSeed, mulberry32, pick, type Rng } from './prng';
import { DAY_MS } from './seed-time';
import { CITIES, DEVICES, DISCOUNTS, PERKS, SHOWS } from './usage-text';

export type UsageKind = 'login' | 'perk_redemption' | 'discount_use' | 'playback';

export type EmitUsage = (
  at: number,
  kind: UsageKind,
  detail: string,
  valueFen: number | null,
  ip: string | null,
  device: string | null,
) => void;

// Tuned so a used order has about 10–20 events on average, most members few, some hundreds.
const EVENTS_PER_DAY_SCALE = 0.45;
const MAX_EVENTS = 500;

function eventTimes(r: Rng, order: SeedOrder, nowMs: number): number[] {
  const start = order.activatedMs!;
  const end = Math.min(order.paidMs! + order.plan.durationDays * DAY_MS, nowMs);
  if (end <= start) return [];
  const days = (end - start) / DAY_MS;
  const expected = days * order.member.engagement * EVENTS_PER_DAY_SCALE;
  const extra = Math.min(MAX_EVENTS, Math.floor(expected * (0.4 + r() * 1.2)));
  const times = [start + int(r, 5, 120) * 1000]; // the login that activated it
  for (let i = 0; i < extra; i++) times.push(start + Math.floor(r() * (end - start)));
  return times.sort((a, b) => a - b);
}

/** Calls `emit` for each event in time order; events at or after `untilMs` (a revocation) are left out. */
export function forEachUsage(seed: number, index: number, order: SeedOrder, nowMs: number, emit: EmitUsage): number {
  if (order.activatedMs === null) return 0;
  const r = mulberry32(mixSeed(seed, 0x05e, index));
  const times = eventTimes(r, order, nowMs);
  const { member } = order;
  const devices = DEVICES[order.platform];
  const device = order.platform === member.platform ? member.device : pick(r, devices);
  const [city, prefix] = itemAt(CITIES, member.city, 'city');
  // Members follow one to three shows and watch them episode after episode.
  const shows = [pick(r, SHOWS), pick(r, SHOWS), pick(r, SHOWS)].slice(0, int(r, 1, 3));
  const episode = shows.map(([, , total]) => int(r, 1, Math.max(1, total - 20)));
  const until = order.revokedMs ?? Infinity;
  let count = 0;
  for (let i = 0; i < times.length; i++) {
    const at = times[i]!;
    if (at >= until) break;
    count++;
    const x = i === 0 ? 0 : r();
    if (x < 0.3) {
      const d = chance(r, 0.9) ? device : pick(r, devices);
      emit(at, 'login', `登录 · ${d} · ${city}`, null, `${prefix}.${int(r, 0, 255)}.${int(r, 1, 254)}`, d);
    } else if (x < 0.85) {
      const k = Math.floor(r() * shows.length);
      const [title, word, total] = itemAt(shows, k, 'show');
      const next = itemAt(episode, k, 'episode');
      episode[k] = next + 1;
      const ep = Math.min(total, next);
      emit(at, 'playback', `《${title}》第${ep}${word}`, null, null, device);
    } else if (x < 0.95) {
      const [what, lo, hi] = pick(r, DISCOUNTS);
      emit(at, 'discount_use', `会员折扣：${what}`, int(r, lo, hi), null, device);
    } else {
      const [perk, value] = pick(r, PERKS);
      emit(at, 'perk_redemption', `卡盟专属道具：${perk}`, value, null, device);
    }
  }
  return count;
}

export interface UsageFact {
  at: number;
  kind: UsageKind;
  valueFen: number | null;
}

/** The events of an order that happened up to `asOfMs`, as the refund engine sees them. */
export function usageFacts(seed: number, index: number, order: SeedOrder, nowMs: number, asOfMs: number): UsageFact[] {
  const facts: UsageFact[] = [];
  forEachUsage(seed, index, order, nowMs, (at, kind, _detail, valueFen) => {
    if (at <= asOfMs) facts.push({ at, kind, valueFen });
  });
  return facts;
}
