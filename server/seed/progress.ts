// A carriage-return progress bar on stderr (no dependency), throttled to ten redraws a second.

export interface Progress {
  phase: (label: string, total: number) => void;
  tick: (done: number) => void;
  end: () => void;
}

const WIDTH = 30;
const silent: Progress = { phase: () => {}, tick: () => {}, end: () => {} };

export function createProgress(enabled: boolean, out: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return silent;
  const started = Date.now();
  let label = '';
  let total = 1;
  let drawn = 0;
  const draw = (done: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * WIDTH);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    out.write(
      `\r${label.padEnd(14)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds}s   `,
    );
  };
  return {
    phase(next, size) {
      if (label) draw(total);
      if (label) out.write('\n');
      label = next;
      total = size;
      drawn = 0;
      draw(0);
    },
    tick(done) {
      const now = Date.now();
      if (now - drawn < 100) return;
      drawn = now;
      draw(done);
    },
    end() {
      if (label) {
        draw(total);
        out.write('\n');
      }
      label = '';
    },
  };
}
