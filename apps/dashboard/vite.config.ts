import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = dirname(fileURLToPath(import.meta.url));
const api = process.env.OPIEKUN_API ?? 'http://localhost:3000';

/**
 * The staff dashboard. `vite build` writes dist/dashboard, which the api serves at `/`; `vite` (dev) proxies the api.
 * JSX goes through Vite's own transformer (oxc) with React's automatic runtime: no React plugin needed.
 */
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(here, '../../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/health': { target: api, changeOrigin: true },
      '/socket.io': { target: api, changeOrigin: true, ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [resolve(here, 'src/test/setup.ts')],
    css: false,
  },
});
