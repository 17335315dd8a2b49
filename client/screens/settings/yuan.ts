import { MAX_FEN } from '../../../shared/refund';

// The admin types yuan ("100.00"); the API takes integer fen. The conversion works on the
// digits as text, so no binary floating point is involved: "0.29" is 29 fen, never 28.

const YUAN = /^(\d{1,9})(?:\.(\d{0,2}))?$/;

// Chinese input methods often type full-width digits and punctuation (１００．００).
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0C\uFFE5]/g, (c) => {
    if (c === '\uFF0E') return '.';
    if (c === '\uFF0C') return ',';
    if (c === '\uFFE5') return '¥';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** "100.00" → 10000, "¥1,234.5" → 123450; null when it is not an amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const cleaned = toHalfWidth(text)
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/,/g, '');
  const m = YUAN.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

/** 10000 → "100.00": the editable form of an amount (no ¥, no grouping). */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
