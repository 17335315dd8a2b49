import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../bench/server-process';

// The point-in-time recovery drill (test/pg/pitr-drill.sh, docs/deployment.md § Point-in-time
// recovery) run as part of `npm run test:pg`, so the procedure the operators' page describes is
// practised on every CI run, not believed: a throwaway PostgreSQL with WAL archiving, the console's
// seed, a base backup, a write after it, a mistaken bulk change after the target time, the base
// backup restored and replayed to that time; the write is back, the mistake is not, and
// audit:verify passes against the checkpoints the seed signed.
describe('point-in-time recovery drill', () => {
  it('recovers to the instant before a mistaken bulk change, keeping what was written after the base backup', async () => {
    const port = await freePort();
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        'bash',
        ['test/pg/pitr-drill.sh', '--orders', '300', '--port', String(port)],
        { timeout: 240_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
      );
    });
    expect(out).toContain('✓ the write made after the base backup was replayed from the archive');
    expect(out).toContain("✓ every order's amount is as before the mistake");
    expect(out).toContain('✓ audit:verify: audit chain intact');
    expect(out).toContain('drill passed');
    expect(code, out).toBe(0);
  }, 300_000);
});
