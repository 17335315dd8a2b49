import type { Tier } from '../../../shared/refund/schema';

// The plan filter's choices. The API has no plan list yet, so the console knows the catalogue
// (docs/spec.md §2) here; a code it does not know still works when it arrives in a shared link (the
// filter shows the bare code). Replace with a `plans.list` query when the server offers one.
export interface CataloguePlan {
  code: string;
  nameZh: string;
  nameEn: string;
  tier: Tier;
}

export const PLAN_CATALOGUE: readonly CataloguePlan[] = [
  { code: 'std_monthly', nameZh: '卡盟会员·月卡', nameEn: 'Monthly', tier: 'standard' },
  { code: 'std_quarterly', nameZh: '卡盟会员·季卡', nameEn: 'Quarterly', tier: 'standard' },
  { code: 'std_annual', nameZh: '卡盟会员·年卡', nameEn: 'Annual', tier: 'standard' },
  { code: 'auto_monthly', nameZh: '卡盟会员·连续包月', nameEn: 'Monthly auto-renew', tier: 'standard' },
  { code: 'auto_annual', nameZh: '卡盟会员·连续包年', nameEn: 'Annual auto-renew', tier: 'standard' },
  { code: 'promo_first_month', nameZh: '新人首月特惠', nameEn: 'First month offer', tier: 'promo' },
  { code: 'promo_festival_annual', nameZh: '年货节·年卡', nameEn: 'Festival annual', tier: 'promo' },
  { code: 'promo_summer_quarterly', nameZh: '暑期狂欢·季卡', nameEn: 'Summer quarterly', tier: 'promo' },
  { code: 'cobrand_eleme_monthly', nameZh: '联名卡·饿了么', nameEn: 'Co-brand: Ele.me', tier: 'cobrand' },
  { code: 'cobrand_netease_music_monthly', nameZh: '联名卡·网易云音乐', nameEn: 'Co-brand: NetEase Cloud Music', tier: 'cobrand' },
  { code: 'cobrand_jd_plus_annual', nameZh: '联名年卡·京东PLUS', nameEn: 'Co-brand annual: JD PLUS', tier: 'cobrand' },
];
