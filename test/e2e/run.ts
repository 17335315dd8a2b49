import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../server/seed/seed-database';
import { freePort, startServer, type RunningServer } from './support/server';

// `npm run e2e`: build the console, seed a fresh demo database in a temporary directory, start
// the real server on a free port, run the browser tests against it, stop the server, and exit
// with the tests' exit code. Extra arguments go to vitest (e.g. `npm run e2e -- -t "sign-out"`).

const E2E_ORDERS = Number(process.env.E2E_ORDERS ?? 300);

// Interrupted (Ctrl-C, CI timeout): stop the tests and the server we started rather than leave
// them running.
let running: RunningServer | null = null;
let tests: ChildProcess | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    tests?.kill(signal);
    void (running?.stop() ?? Promise.resolve()).then(() => process.exit(130));
  });
}

function step(text: string) {
  console.log(`\n▶ ${text}`);
}

async function main(): Promise<number> {
  // The build goes to a directory of this run's own (served through CLIENT_DIR), so a run
  // neither overwrites dist/ nor serves half-written assets when dist/ is rebuilt meanwhile.
  const dir = mkdtempSync(join(tmpdir(), 'refund-desk-e2e-'));
  const clientDir = join(dir, 'client');
  const dbPath = join(dir, 'e2e.db');
  let server: RunningServer | null = null;
  try {
    step('building the client');
    const build = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', clientDir, '--emptyOutDir'],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) return build.status ?? 1;

    step(`seeding a fresh database (${E2E_ORDERS} orders) in ${dir}`);
    const seeded = await seedDatabase({ path: dbPath, orders: E2E_ORDERS, seed: 42, progress: false });
    console.log(`  seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);

    step('starting the server');
    server = running = await startServer({ dbPath, clientDir, port: await freePort() });
    console.log(`  listening at ${server.baseUrl}`);

    step('running the browser tests');
    const code = await runVitest(server.baseUrl, process.argv.slice(2));
    if (code !== 0 && server.output().trim()) console.log(`\n--- server output ---\n${server.output()}`);
    return code;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runVitest(baseUrl: string, extraArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...extraArgs],
      { stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl } },
    );
    tests = child;
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
