// The web UI's build: React + TypeScript compiled by Vite's own transformer (oxc), one chunk per route group
// (React.lazy), libs/domain imported from source so the browser runs the same checks and triage as the API.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  resolve: { alias: [{ find: /^@lyg\/domain/, replacement: path.resolve(here, '../../libs/domain/src') }] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: path.resolve(here, 'dist'), emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  // `npm run dev:web` style development: the UI on Vite's server, the API proxied to a running `npm start`.
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
