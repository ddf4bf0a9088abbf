// Compiles apps/, libs/ and bench/ to dist/ with swc (type checking is `npm run typecheck`). Only changed files
// are recompiled, so a warm `npm start` does not pay for a full build.
import { transformFile } from '@swc/core';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');
const SOURCES = ['apps', 'libs', 'bench'];
const SKIP = /\.(spec|test|e2e-spec)\.ts$|\.d\.ts$/;

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'web') continue;
      yield* walk(p);
    } else if (e.name.endsWith('.ts') && !SKIP.test(e.name)) yield p;
  }
}

const mtime = async (p) => (await stat(p).catch(() => null))?.mtimeMs ?? 0;
let compiled = 0;
const jobs = [];
for (const dir of SOURCES) {
  for await (const file of walk(path.join(root, dir))) {
    const out = path.join(root, 'dist', path.relative(root, file)).replace(/\.ts$/, '.js');
    jobs.push(
      (async () => {
        if ((await mtime(out)) >= (await mtime(file))) return;
        const { code } = await transformFile(file, { ...swcOptions(), filename: file, outputPath: out });
        await mkdir(path.dirname(out), { recursive: true });
        await writeFile(out, code);
        compiled++;
      })(),
    );
  }
}
await Promise.all(jobs);
if (process.env.BUILD_VERBOSE) console.log(`build: ${compiled} file(s) compiled`);
