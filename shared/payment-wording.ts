// How the member-facing messages name a payment channel and say when a refund arrives on it
// (docs/spec.md §4.7: B-coin at once, Alipay and WeChat Pay within minutes, bank cards in 1–3
// working days). Shared so the server's messages and the console's template preview agree.

export type WordingLocale = 'zh-CN' | 'en';

const CHANNEL_NAME: Record<string, Record<WordingLocale, string>> = {
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  wechat_pay: { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  bank_card: { 'zh-CN': '银行卡', en: 'bank card' },
  bcoin: { 'zh-CN': 'B币余额', en: 'B-coin balance' },
  apple_iap: { 'zh-CN': 'App Store', en: 'App Store' },
  google_play: { 'zh-CN': 'Google Play', en: 'Google Play' },
};

const ARRIVAL: Record<string, Record<WordingLocale, string>> = {
  bcoin: { 'zh-CN': '即时到账', en: 'arrives at once' },
  alipay: { 'zh-CN': '预计几分钟内到账', en: 'should arrive within minutes' },
  wechat_pay: { 'zh-CN': '预计几分钟内到账', en: 'should arrive within minutes' },
  bank_card: { 'zh-CN': '预计1–3个工作日到账', en: 'should arrive within 1–3 working days' },
  google_play: {
    'zh-CN': '由 Google Play 原路退回，通常3–5个工作日到账',
    en: 'goes back through Google Play, usually within 3–5 working days',
  },
};

/** Where the money goes back to, as the member knows it. */
export function channelName(channel: string, locale: WordingLocale): string {
  return CHANNEL_NAME[channel]?.[locale] ?? channel;
}

/** When the money arrives on the channel. */
export function arrivalPhrase(channel: string, locale: WordingLocale): string {
  return ARRIVAL[channel]?.[locale] ?? (locale === 'en' ? 'goes back the way it was paid' : '将原路退回');
}
