import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the real server as a child process on a seeded database — kill -9
// under load, faults, the backup drill, logs, a load smoke run. One file at a time: each loads
// the machine on its own (servers, write loads), and two at once on a small machine would only
// slow each other down.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
    hookTimeout: 120000,
    pool: 'forks',
    fileParallelism: false,
  },
});
