// The demo catalogue (docs/spec.md §2): standard plans, auto-renew plans, event plans and co-branded
// bundles, with how often each sells.
import type Database from 'better-sqlite3';
import { weighted } from './prng';

export type Tier = 'standard' | 'promo' | 'cobrand';

export interface Plan {
  code: string;
  nameZh: string;
  nameEn: string;
  tier: Tier;
  durationDays: number;
  priceFen: number;
  autoRenew: boolean;
  /** relative share of sales */
  weight: number;
}

export const PLANS: readonly Plan[] = [
  {
    code: 'std_monthly',
    nameZh: '卡盟会员·月卡',
    nameEn: 'Monthly',
    tier: 'standard',
    durationDays: 30,
    priceFen: 2500,
    autoRenew: false,
    weight: 20,
  },
  {
    code: 'std_quarterly',
    nameZh: '卡盟会员·季卡',
    nameEn: 'Quarterly',
    tier: 'standard',
    durationDays: 90,
    priceFen: 6800,
    autoRenew: false,
    weight: 8,
  },
  {
    code: 'std_annual',
    nameZh: '卡盟会员·年卡',
    nameEn: 'Annual',
    tier: 'standard',
    durationDays: 365,
    priceFen: 23300,
    autoRenew: false,
    weight: 6,
  },
  {
    code: 'auto_monthly',
    nameZh: '卡盟会员·连续包月',
    nameEn: 'Monthly auto-renew',
    tier: 'standard',
    durationDays: 30,
    priceFen: 1500,
    autoRenew: true,
    weight: 9,
  },
  {
    code: 'auto_annual',
    nameZh: '卡盟会员·连续包年',
    nameEn: 'Annual auto-renew',
    tier: 'standard',
    durationDays: 365,
    priceFen: 14800,
    autoRenew: true,
    weight: 7,
  },
  {
    code: 'promo_first_month',
    nameZh: '新人首月特惠',
    nameEn: 'First month offer',
    tier: 'promo',
    durationDays: 30,
    priceFen: 990,
    autoRenew: false,
    weight: 12,
  },
  {
    code: 'promo_festival_annual',
    nameZh: '年货节·年卡',
    nameEn: 'Festival annual',
    tier: 'promo',
    durationDays: 365,
    priceFen: 8800,
    autoRenew: false,
    weight: 5,
  },
  {
    code: 'promo_summer_quarterly',
    nameZh: '暑期狂欢·季卡',
    nameEn: 'Summer quarterly',
    tier: 'promo',
    durationDays: 90,
    priceFen: 4500,
    autoRenew: false,
    weight: 3,
  },
  {
    code: 'cobrand_eleme_monthly',
    nameZh: '联名卡·饿了么',
    nameEn: 'Co-brand: Ele.me',
    tier: 'cobrand',
    durationDays: 30,
    priceFen: 3000,
    autoRenew: false,
    weight: 6,
  },
  {
    code: 'cobrand_netease_music_monthly',
    nameZh: '联名卡·网易云音乐',
    nameEn: 'Co-brand: NetEase Cloud Music',
    tier: 'cobrand',
    durationDays: 30,
    priceFen: 2800,
    autoRenew: false,
    weight: 4,
  },
  {
    code: 'cobrand_jd_plus_annual',
    nameZh: '联名年卡·京东PLUS',
    nameEn: 'Co-brand annual: JD PLUS',
    tier: 'cobrand',
    durationDays: 365,
    priceFen: 29800,
    autoRenew: false,
    weight: 2,
  },
];

export const pickPlan = weighted(PLANS.map((p) => [p, p.weight] as const));
export const pickOneTimePlan = weighted(PLANS.filter((p) => !p.autoRenew).map((p) => [p, p.weight] as const));

export function insertPlans(db: Database.Database): number {
  const ins = db.prepare(
    'insert into plans (code, name_zh, name_en, tier, duration_days, price_fen, auto_renew) values (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const p of PLANS) ins.run(p.code, p.nameZh, p.nameEn, p.tier, p.durationDays, p.priceFen, p.autoRenew ? 1 : 0);
  return PLANS.length;
}
