import { describe, expect, it } from 'vitest';
import { namesAnAmount, templateUsesAmount } from '../../shared/templates';

describe('namesAnAmount', () => {
  it.each([
    '退您¥25.00',
    '退款 ￥ 8.5 元',
    '可退25元',
    '可退 25.50 元',
    '退款3块钱',
    'RMB 120 will be refunded',
    'we refund 120 RMB',
    '25.00 CNY',
  ])('finds an amount in %s', (text) => {
    expect(namesAnAmount(text)).toBe(true);
  });

  it.each([
    '您好，请补充支付截图',
    '已使用10天/共30天',
    '请在 2026-11-27 前补充材料',
    '订单 KM202611100000001',
    '7 天无理由退款',
    '元旦后处理',
    '¥ 符号',
  ])('finds none in %s', (text) => {
    expect(namesAnAmount(text)).toBe(false);
  });
});

describe('templateUsesAmount', () => {
  it('is true for the amount variable and for an amount written into the text', () => {
    expect(templateUsesAmount('您的退款 {{ amount }} 将原路退回')).toBe(true);
    expect(templateUsesAmount('您的退款 ¥25.00 将原路退回')).toBe(true);
    expect(templateUsesAmount('{{nickname}}您好，请在 {{slaDate}} 前补充材料')).toBe(false);
  });
});
