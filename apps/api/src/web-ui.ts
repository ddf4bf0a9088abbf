import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** apps/web/dist, found from this file whether it runs from source (apps/api/src) or from the build (dist/…). */
export function findWebRoot(from = __dirname): string | null {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'apps', 'web', 'dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

const NOT_UI = /^\/(api|health|metrics)(\/|$)/;

/**
 * The browser UI (apps/web, built by `npm run build:web`) at `/`: hashed assets cached for a year, every other GET
 * that is not an API route answered with index.html (client-side routes), with the demo flag written into it.
 * `/api/*`, `/health` and `/metrics` (Prometheus) are left to the API.
 */
export function serveWebUi(app: NestExpressApplication, opts: { demo: boolean; root?: string | null }): void {
  const root = opts.root === undefined ? findWebRoot() : opts.root;
  if (!root) {
    new Logger('WebUI').log('apps/web/dist not built: run `npm run build:web` for the browser UI');
    return;
  }
  app.useStaticAssets(path.join(root, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  const indexFile = path.join(root, 'index.html');
  let cached: { mtimeMs: number; html: string } | null = null;
  const indexHtml = () => {
    // Re-read after a rebuild (the dev and test loops rebuild while the server runs).
    const { mtimeMs } = statSync(indexFile);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const html = readFileSync(indexFile, 'utf8').replace('<meta name="lyg-demo" content="false" />', `<meta name="lyg-demo" content="${opts.demo}" />`);
      cached = { mtimeMs, html };
    }
    return cached.html;
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_UI.test(req.path) || path.extname(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml());
  });
}
