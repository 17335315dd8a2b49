// The import's progress on stderr: on a terminal one line redrawn (bar, percent of the file's
// bytes, events, events/s, ETA) ten times a second at most; otherwise (a log, CI) a plain line
// every 5 s. Nothing of the events themselves is shown.

export interface ImportProgress {
  update: (bytesDone: number, events: number) => void;
  end: (bytesDone: number, events: number) => void;
}

const WIDTH = 24;

export function importProgress(totalBytes: number, startBytes: number, out: NodeJS.WriteStream = process.stderr): ImportProgress {
  const tty = out.isTTY === true;
  const started = Date.now();
  let shown = 0;
  const line = (bytesDone: number, events: number) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const share = totalBytes > 0 ? Math.min(1, bytesDone / totalBytes) : 1;
    const rate = events / seconds;
    const bytesRate = (bytesDone - startBytes) / seconds;
    const eta = bytesRate > 0 ? (totalBytes - bytesDone) / bytesRate : NaN;
    const filled = Math.round(share * WIDTH);
    const bar = tty ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` : '';
    return `import ${bar}${(share * 100).toFixed(1).padStart(5)}%  ${events.toLocaleString('en')} events  ${Math.round(rate).toLocaleString('en')} events/s  ${duration(seconds)} elapsed  ETA ${Number.isFinite(eta) ? duration(eta) : '?'}`;
  };
  return {
    update(bytesDone, events) {
      const now = Date.now();
      if (now - shown < (tty ? 100 : 5000)) return;
      shown = now;
      out.write(tty ? `\r${line(bytesDone, events)}   ` : `${line(bytesDone, events)}\n`);
    },
    end(bytesDone, events) {
      out.write(tty ? `\r${line(bytesDone, events)}   \n` : `${line(bytesDone, events)}\n`);
    },
  };
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
