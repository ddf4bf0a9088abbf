import type { AppConfig } from '@lyg/config';
import { type INestApplication, type LogLevel, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { ProblemFilter } from './common/problem.filter';
import { requestId } from './common/request-id';
import { createValidationPipe } from './common/validation';
import { lingerBeforeClose } from './evidence/linger';
import { HEALTH_PATHS } from './health/health.controller';
import { serveWebUi } from './web-ui';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];
const JSON_LIMIT_BYTES = 1024 * 1024;

/** The configured API application (not yet listening): used by the main command and by the e2e tests alike. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bodyParser: false,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Its weak ETag hashes the body, which `If-Match` cannot take; a Case answers with its version instead (CaseETag).
  app.set('etag', false);
  app.use(requestId);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // The UI shows evidence PDFs from blob: URLs (fetched with the bearer token) in a frame.
          'frame-src': ["'self'", 'blob:'],
          // Plain HTTP on a LAN address (the demo) must still load the UI's assets; behind TLS in production, upgrade.
          'upgrade-insecure-requests': config.env === 'production' ? [] : null,
        },
      },
    }),
  );
  // JSON bodies are small documents; evidence files go through their own streaming route. One declared larger than
  // the limit is refused before a byte of it is read (the parser would read all of it, only to discard it).
  const jsonTypes = ['application/json', 'application/*+json'];
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!(Number(req.headers['content-length']) > JSON_LIMIT_BYTES && req.is(jsonTypes))) return next();
    res.setHeader('Connection', 'close');
    lingerBeforeClose(req);
    next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }));
  });
  app.useBodyParser('json', { limit: JSON_LIMIT_BYTES, type: jsonTypes });
  app.enableCors(config.corsOrigins.length ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  // The health check answers at `/health` (contract.md, for probes) and under the base path like every other call; the
  // controller names both paths (HEALTH_PATHS), so neither takes the prefix.
  app.setGlobalPrefix('api/v1', { exclude: HEALTH_PATHS.map((path) => ({ path, method: RequestMethod.GET })) });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  serveWebUi(app, { demo: config.demo });

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('连云港知识产权纠纷快速保护 — case intake and triage API')
      .setDescription('Public API v1 (contract.md). Errors are RFC 9457 problem documents in zh-CN or en by Accept-Language.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  optionalRequestId(doc);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Handlers read `X-Request-Id` with `@Headers()`, which the document lists as a required header; the server makes one
 * when it is absent or not sane (common/request-id.ts), so it is optional.
 */
function optionalRequestId(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      for (const p of item[method]?.parameters ?? []) {
        if ('in' in p && p.in === 'header' && p.name.toLowerCase() === 'x-request-id') {
          Object.assign(p, { required: false, description: 'echoed back; the server makes one when absent' });
        }
      }
    }
  }
}
