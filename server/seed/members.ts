// Members: generated before the orders (orders pick them), registered_at and risk flags filled
// once the orders are known, then written with their search indexes.
import type Database from 'better-sqlite3';
import { bulkInserter } from './bulk';
import { chance, int, pick, type Rng } from './prng';
import { email, nameGrams, nickname, phone } from './names';
import { iso } from './seed-time';
import { CITIES, DEVICES, type Platform } from './usage-text';

export interface SeedMember {
  uid: string;
  nickname: string;
  phone: string;
  email: string | null;
  registeredMs: number;
  riskFlags: string;
  /** usage events per active day, skewed: most barely use it, some every day */
  engagement: number;
  platform: Platform;
  device: string;
  city: number;
  /** earliest order created, or null before orders exist / without orders */
  firstOrderMs: number | null;
  /** auto-renew plans the member subscribes to (at most one subscription per plan) */
  subscribedPlans: string[];
}

function uid(r: Rng): string {
  const length = pick(r, [8, 9, 9, 10]);
  return String(int(r, 10 ** (length - 1), 10 ** length - 1));
}

function engagement(r: Rng): number {
  const x = r();
  if (x < 0.45) return 0.03 + r() * 0.15; // barely
  if (x < 0.82) return 0.3 + r() * 0.6; // now and then
  return 1.5 + r() * 2.5; // every day, several times
}

export function generateMembers(r: Rng, count: number): SeedMember[] {
  const seen = new Set<string>();
  const members: SeedMember[] = [];
  while (members.length < count) {
    const id = uid(r);
    if (seen.has(id)) continue;
    seen.add(id);
    const platform: Platform = pick(r, ['app_android', 'app_android', 'app_android', 'app_ios', 'app_ios', 'web']);
    members.push({
      uid: id,
      nickname: nickname(r),
      phone: phone(r),
      email: chance(r, 0.3) ? null : email(r),
      registeredMs: 0,
      riskFlags: '',
      engagement: engagement(r),
      platform,
      device: pick(r, DEVICES[platform]),
      city: int(r, 0, CITIES.length - 1),
      firstOrderMs: null,
      subscribedPlans: [],
    });
  }
  // Written in primary-key order: the uid B-tree grows at its end.
  return members.sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

/** Registration precedes the first order: long before for most, minutes or days for new members. */
export function settleRegistration(r: Rng, members: SeedMember[], windowStartMs: number): void {
  const YEAR = 365 * 86_400_000;
  for (const m of members) {
    const first = m.firstOrderMs;
    m.registeredMs =
      first === null || chance(r, 0.8)
        ? Math.min(first ?? windowStartMs, windowStartMs) - Math.floor(r() * 6 * YEAR) - 86_400_000
        : first - Math.floor(r() * 5 * 86_400_000) - 60_000;
    if (chance(r, 0.01)) m.riskFlags = pick(r, ['multi_account', 'abnormal_login', 'frequent_refunds']);
  }
}

export function insertMembers(db: Database.Database, members: SeedMember[]): { grams: number } {
  const rows = bulkInserter(db, 'members', ['uid', 'nickname', 'phone', 'phone_last4', 'email', 'registered_at', 'risk_flags']);
  // rowid of the trigram index = rowid of the member (insertion position), and it carries the uid.
  const fts = bulkInserter(db, 'member_name_fts', ['rowid', 'nickname', 'uid']);
  const byGram = new Map<string, string[]>();
  members.forEach((m, i) => {
    rows.add(m.uid, m.nickname, m.phone, m.phone.slice(-4), m.email, iso(m.registeredMs), m.riskFlags);
    fts.add(i + 1, m.nickname, m.uid);
    for (const g of nameGrams(m.nickname)) {
      const list = byGram.get(g);
      if (list) list.push(m.uid);
      else byGram.set(g, [m.uid]);
    }
  });
  rows.flush();
  fts.flush();
  // Key order (gram, uid): members come sorted by uid, so each list is sorted already.
  const grams = bulkInserter(db, 'member_name_grams', ['gram', 'member_uid'], 100);
  for (const g of [...byGram.keys()].sort(byBinary)) for (const u of byGram.get(g)!) grams.add(g, u);
  grams.flush();
  return { grams: grams.rows };
}

/** SQLite's BINARY collation compares UTF-8 bytes: that is code point order, not UTF-16 units. */
function byBinary(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
