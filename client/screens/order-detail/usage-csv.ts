import { formatFen } from '../../../shared/refund/format';
import { formatDateTime } from '../../lib/format';
import type { UsageEvent } from './order-page-types';

export interface CsvLabels {
  headers: [time: string, iso: string, kind: string, detail: string, amount: string, ip: string, device: string];
  kind: (kind: UsageEvent['kind']) => string;
}

// A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return) as a formula:
// prefix those with an apostrophe so an exported log can never run anything when opened.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The usage log as CSV (RFC 4180, CRLF), with a BOM so Excel reads the Chinese text as UTF-8. */
export function usageCsv(events: UsageEvent[], labels: CsvLabels): string {
  const lines = [labels.headers.map(cell).join(',')];
  for (const e of events) {
    lines.push(
      [
        formatDateTime(e.at),
        e.at,
        labels.kind(e.kind),
        e.detail,
        e.valueFen !== null && e.valueFen !== undefined ? formatFen(e.valueFen) : '',
        e.ip ?? '',
        e.device ?? '',
      ]
        .map((v) => cell(String(v)))
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Hands a text file to the browser's downloads (a blob: link; nothing leaves the page). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
