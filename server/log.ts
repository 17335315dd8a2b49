// A small structured logger that never writes personal data: phone numbers, e-mail
// addresses and anything under a sensitive key are redacted before a line is written.
type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const SENSITIVE_KEYS = /^(phone|email|password|token|cookie|authorization|body|statement|value)$/i;
// A mainland mobile number however it is written: bare, with +86 / 86 glued on, or grouped
// 3-4-4 by spaces or dashes. Numbers held as numbers are turned into text first.
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

export function redact(value: unknown, key = ''): unknown {
  if (SENSITIVE_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(PHONE, '[phone]').replace(EMAIL, '[email]');
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const text = String(value);
    return text.replace(PHONE, '[phone]') === text ? value : '[phone]';
  }
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

let threshold: number = order.info;

export function setLogLevel(level: Level): void {
  threshold = order[level];
}

function write(level: Exclude<Level, 'silent'>, msg: string, fields?: Record<string, unknown>): void {
  if (order[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg: redact(msg), ...(redact(fields ?? {}) as object) });
  process.stderr.write(line + '\n');
}

export const log = {
  /** whether a line of this level would be written (to skip working out its fields) */
  enabled: (level: Exclude<Level, 'silent'>) => order[level] >= threshold,
  debug: (msg: string, f?: Record<string, unknown>) => write('debug', msg, f),
  info: (msg: string, f?: Record<string, unknown>) => write('info', msg, f),
  warn: (msg: string, f?: Record<string, unknown>) => write('warn', msg, f),
  error: (msg: string, f?: Record<string, unknown>) => write('error', msg, f),
};
