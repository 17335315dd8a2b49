import { configDefaults, defineConfig } from 'vitest/config';
import { PG_RELIABILITY } from './vitest.pg.config';

// `npm run test:reliability`: the real server as a child process on a seeded database — kill -9
// under load, faults, the backup drill, logs, a load smoke run. One file at a time: each loads
// the machine on its own (servers, write loads), and two at once on a small machine would only
// slow each other down.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    // the PostgreSQL ones run in `npm run test:pg`, which makes their database template
    exclude: [...configDefaults.exclude, ...PG_RELIABILITY],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120000,
    pool: 'forks',
    fileParallelism: false,
  },
});
