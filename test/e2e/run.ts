import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../server/seed/seed-database';
import { startE2eAppStore, type E2eAppStore } from './support/app-store';
import { freePort, startServer, type RunningServer } from './support/server';

// `npm run e2e`: build the console, seed a fresh demo database in a temporary directory, start
// the fake App Store Server API and the real server (trusting a test Apple chain) on free ports,
// run the browser tests against it, stop both, and exit with the tests' exit code. Extra
// arguments go to vitest (e.g. `npm run e2e -- -t "sign-out"`).

// 2,000 orders: enough that, whatever the hour the seed is anchored to, the browser tests find
// several fresh unused orders within an agent's limit to refund (300 left one or two, and the
// mistaken-purchase test failed once another test had refunded it first).
const E2E_ORDERS = Number(process.env.E2E_ORDERS ?? 2000);

// Interrupted (Ctrl-C, CI timeout): stop the tests and the server we started rather than leave
// them running.
let running: RunningServer | null = null;
let appStore: E2eAppStore | null = null;
let tests: ChildProcess | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    tests?.kill(signal);
    void Promise.all([running?.stop(), appStore?.fake.stop()]).then(() => process.exit(130));
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

    step('starting the fake App Store Server API');
    appStore = await startE2eAppStore(dir);
    console.log(`  listening at ${appStore.fake.base}`);

    step('starting the server');
    server = running = await startServer({ dbPath, clientDir, port: await freePort(), env: appStore.serverEnv });
    console.log(`  listening at ${server.baseUrl}`);

    step('running the browser tests');
    const code = await runVitest(server.baseUrl, process.argv.slice(2), appStore.testEnv);
    // The server's log goes to a file, not to the terminal: printed after the tests it pushed
    // their failures out of sight of anyone reading the end of a CI log.
    mkdirSync('test-results', { recursive: true });
    writeFileSync(SERVER_LOG, server.output());
    const clean = checkLogsHoldNoPersonalData(server.output());
    if (code !== 0) printFailures();
    return clean ? code : code || 1;
  } finally {
    await server?.stop();
    await appStore?.fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// docs/spec.md §6: no personal data in logs. Everything the server printed during the whole browser run
// (at LOG_LEVEL=debug) is searched for mainland mobile numbers and e-mail addresses; a hit
// fails the run, naming only the line numbers (printing the lines would leak them again).
const PERSONAL_DATA = [/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/, /[\w.+-]+@[\w-]+(\.[\w-]+)+/];

function checkLogsHoldNoPersonalData(output: string): boolean {
  const lines = output.split('\n');
  const hits = lines.flatMap((line, i) => (PERSONAL_DATA.some((re) => re.test(line)) ? [i + 1] : []));
  if (hits.length > 0) {
    console.log(`\n✗ the server's log of this run holds a phone number or an e-mail on line(s) ${hits.join(', ')}`);
    return false;
  }
  console.log(`\n✓ the server's log of this run (${lines.length} lines at LOG_LEVEL=debug) holds no phone number or e-mail`);
  return true;
}

const SERVER_LOG = 'test-results/e2e-server.log';
const RESULTS = 'test-results/e2e-results.json';

// The last lines of a failed run name every failed test and its first error line, with the
// server log's path, so a CI log read from its end shows what broke.
function printFailures() {
  if (!existsSync(RESULTS)) return;
  type Result = { status: string; fullName: string; failureMessages: string[] };
  const report = JSON.parse(readFileSync(RESULTS, 'utf8')) as {
    testResults: { name: string; message?: string; assertionResults: Result[] }[];
  };
  console.log('\n✗ browser tests that failed:');
  for (const file of report.testResults) {
    const failed = file.assertionResults.filter((t) => t.status === 'failed');
    if (failed.length === 0 && file.message) console.log(`  ${file.name}: ${file.message.split('\n')[0]}`);
    for (const t of failed)
      console.log(`  ${file.name.replace(process.cwd() + '/', '')} › ${t.fullName}\n      ${(t.failureMessages[0] ?? '').split('\n')[0]}`);
  }
  console.log(`  (the server's log of this run: ${SERVER_LOG})`);
}

function runVitest(baseUrl: string, extraArgs: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`];
    const child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...reporters, ...extraArgs],
      {
        stdio: 'inherit',
        env: { ...process.env, ...env, BASE_URL: baseUrl },
      },
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
