// Small tables: staff, the first policy version, the holiday calendar.
import type Database from 'better-sqlite3';
import { DEFAULT_POLICY } from '../../shared/refund';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import { hashPassword } from '../auth/password';
import { DEMO_ACCOUNTS } from './demo-staff';

export interface SeedStaff {
  id: number;
  username: string;
  role: string;
}

/** Staff ids are their position in DEMO_ACCOUNTS, so cases can name them before the rows exist. */
export const STAFF: Record<'agent1' | 'agent2' | 'super1' | 'auditor1' | 'admin' | 'super2', SeedStaff> = Object.fromEntries(
  DEMO_ACCOUNTS.map((a, i) => [a.username, { id: i + 1, username: a.username, role: a.role }]),
) as never;

let demoHashes: Promise<string[]> | null = null;

/**
 * Starts hashing at once (Argon2id at OWASP's cost, m=19 MiB, t=2, p=1, on libuv's pool while the
 * data is generated). Once per process: the demo passwords are public, so a database seeded twice
 * (tests) may share salts.
 */
export function hashDemoPasswords(): Promise<string[]> {
  demoHashes ??= Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  demoHashes.catch(() => (demoHashes = null));
  return demoHashes;
}

export function insertStaff(db: Database.Database, hashes: string[], at: string): number {
  const ins = db.prepare(
    'insert into staff (id, username, display_name, role, password_hash, approval_limit_fen, active, created_at) values (?, ?, ?, ?, ?, ?, 1, ?)',
  );
  DEMO_ACCOUNTS.forEach((a, i) => ins.run(i + 1, a.username, a.displayName, a.role, hashes[i], a.approvalLimitFen, at));
  return DEMO_ACCOUNTS.length;
}

export function insertPolicy(db: Database.Database, at: string): number {
  db.prepare('insert into policy_versions (version, settings, note, published_by, published_at) values (?, ?, ?, ?, ?)').run(
    DEFAULT_POLICY.version,
    JSON.stringify(DEFAULT_POLICY),
    '初始退款政策',
    'admin',
    at,
  );
  return 1;
}

// The calendar module lists dates only; names by date range (first match wins), as in the
// State Council notice.
const HOLIDAY_NAMES: [from: string, to: string, name: string][] = [
  ['01-01', '01-04', '元旦'],
  ['02-10', '02-28', '春节'],
  ['04-01', '04-10', '清明节'],
  ['05-01', '05-09', '劳动节'],
  ['06-15', '06-25', '端午节'],
  ['09-25', '09-27', '中秋节'],
  ['09-20', '10-10', '国庆节'],
];

function holidayName(date: string): string {
  const md = date.slice(5);
  return HOLIDAY_NAMES.find(([from, to]) => from <= md && md <= to)?.[2] ?? '';
}

export function insertCalendar(db: Database.Database): number {
  const ins = db.prepare('insert into calendar_days (date, kind, name) values (?, ?, ?)');
  const days = [
    ...HOLIDAYS_2026.holidays.map((d) => [d, 'holiday', holidayName(d)] as const),
    ...HOLIDAYS_2026.makeupWorkdays.map((d) => [d, 'makeup_workday', `${holidayName(d)}调休上班`] as const),
  ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [date, kind, name] of days) ins.run(date, kind, name);
  return days.length;
}
