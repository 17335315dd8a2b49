import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA is built to dist/client and served by the express server in production.
// In `npm run dev` Vite proxies the API to the server started by tsx watch.
export default defineConfig({
  root: 'client',
  plugins: [react()],
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
