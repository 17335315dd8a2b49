import { configDefaults, defineConfig } from 'vitest/config';
import { PG_RELIABILITY, RELIABILITY_ON_BOTH } from './vitest.pg.config';

// `npm run test:reliability`: the real server as a child process on a seeded database — kill -9
// under load, faults, the backup drill, logs, a load smoke run. One file at a time: each loads
// the machine on its own (servers, write loads), and two at once on a small machine would only
// slow each other down.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // those about PostgreSQL alone run in `npm run test:pg`, which makes their database template
    exclude: [...configDefaults.exclude, ...PG_RELIABILITY.filter((file) => !RELIABILITY_ON_BOTH.includes(file))],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120000,
    pool: 'forks',
    fileParallelism: false,
  },
});
