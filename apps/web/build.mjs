// `npm run build:web`: builds the UI into apps/web/dist with Vite, unless the build is newer than every source it
// depends on (so `npm start` pays for it only after a change). `--force` always builds.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const SOURCES = [path.join(here, 'src'), path.join(here, 'index.html'), path.join(here, 'vite.config.mjs'), path.join(root, 'libs/domain/src')];

async function newest(p) {
  const s = await stat(p).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const e of await readdir(p)) max = Math.max(max, await newest(path.join(p, e)));
  return max;
}

const built = (await stat(path.join(here, 'dist/index.html')).catch(() => null))?.mtimeMs ?? 0;
const changed = Math.max(...(await Promise.all(SOURCES.map(newest))));
if (process.argv.includes('--force') || changed > built) {
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.mjs'), logLevel: process.env.BUILD_VERBOSE ? 'info' : 'warn' });
  if (process.env.BUILD_VERBOSE) console.log('build:web: built apps/web/dist');
} else if (process.env.BUILD_VERBOSE) console.log('build:web: up to date');
