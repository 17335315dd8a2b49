import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from './server/http/precompress';

// After every build: `.br` (brotli 11) and `.gz` (gzip -9) beside each text file of 1 kB or more,
// which server/http/static-files.ts serves by the browser's Accept-Encoding.
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'refund-desk:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const started = performance.now();
      const files = await precompressDir(outDir);
      const done = files.filter((f) => f.br !== null || f.gz !== null);
      const sum = (pick: (f: (typeof files)[number]) => number | null) => done.reduce((s, f) => s + (pick(f) ?? 0), 0);
      const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      this.info?.(
        `precompressed ${done.length} files in ${Math.round(performance.now() - started)} ms: ${kb(sum((f) => f.bytes))} → ${kb(sum((f) => f.br))} br, ${kb(sum((f) => f.gz))} gz`,
      );
    },
  };
}

// The SPA is built to dist/client and served by the express server in production.
// In `npm run dev` Vite proxies the API to the server started by tsx watch.
export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: {
      '^/trpc/': 'http://localhost:3001',
      '/healthz': 'http://localhost:3001',
      '^/uploads(/|$)': 'http://localhost:3001',
    },
  },
});
