import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_TEST_URL } from '../support/pg-test-db';
import { seededCopy } from './support/seeded-db';

// `npm run load -- --servers 2` with DATABASE_URL (test/bench/load.ts, docs/performance.md): a
// tool, not a timed assertion. This runs it for 3 s, 6 agents back to back on two console
// processes on one PostgreSQL database, and checks that both servers took requests, none failed,
// and the refunds made were each paid once (the tool checks, and exits 1 otherwise).
const dir = mkdtempSync(join(tmpdir(), 'refund-desk-pg-load-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  engine: string;
  servers: number;
  totals: { requests: number; errors: number };
  perServer: { server: number; agents: number; totals: { requests: number; errors: number } }[];
  refunds: { approved: number; rows: number; succeeded: number; problems: Record<string, unknown[]> };
  errorSamples: string[];
}

describe('npm run load --servers 2 on PostgreSQL (smoke)', () => {
  it('spreads the agents over two servers on one database, with no failed request and each refund paid once', async () => {
    const db = await seededCopy(join(dir, 'small.db'));
    const out = join(dir, 'load.json');
    const run = await new Promise<{ code: number | null; output: string }>((resolve) =>
      execFile(
        'npm',
        ['run', '--silent', 'load', '--', '--db', db, '--servers', '2', '--agents', '6', '--seconds', '3', '--think-ms', '0', '--out', out],
        { timeout: 150_000, env: { ...process.env, DATABASE_URL: PG_TEST_URL } },
        (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
      ),
    );
    expect(run.code, run.output).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.errorSamples).toEqual([]);
    expect(report).toMatchObject({ engine: 'postgres', servers: 2, totals: { errors: 0 } });
    expect(report.perServer.map((s) => s.agents)).toEqual([3, 3]);
    for (const s of report.perServer) {
      expect(s.totals.requests, `server ${s.server}`).toBeGreaterThan(0);
      expect(s.totals.errors).toBe(0);
    }
    expect(report.perServer.reduce((n, s) => n + s.totals.requests, 0)).toBe(report.totals.requests);
    expect(report.refunds.problems).toEqual({});
    expect(report.refunds.succeeded).toBe(report.refunds.approved);
    expect(report.refunds.rows).toBe(report.refunds.approved);
    expect(run.output).toMatch(/requests in .* by 6 agents \(think 0 ms\) on 2 servers: .* req\/s, 0 errors/);
  }, 180_000);
});
