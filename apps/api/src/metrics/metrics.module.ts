import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { WorkflowModule } from '@lyg/workflow';
import { Inject, Logger, type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { MetricsController } from './metrics.controller';
import { PrinciplesMetricsService } from './principles.service';
import { PrometheusExporter } from './prometheus';
import { RequestMetrics, RequestMetricsMiddleware } from './request-metrics';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Metrics: the four-principle figures under `/api/v1/metrics` (supervisor, admin), and `GET /metrics` for
 * Prometheus at the root, beside `/health`. `/metrics` carries only operational counts (no case data), so it is open
 * like `/health` unless `METRICS_TOKEN` is set, when the scraper must send `Authorization: Bearer <token>`.
 */
@Module({
  imports: [WorkflowModule],
  controllers: [MetricsController],
  providers: [PrinciplesMetricsService, PrometheusExporter, RequestMetrics, RequestMetricsMiddleware],
  exports: [RequestMetrics],
})
export class MetricsModule implements NestModule, OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly exporter: PrometheusExporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  /** Registered on the HTTP server itself: after the API's routes, before the not-found handler, outside `/api/v1`. */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    if (!app?.get) return;
    app.get('/metrics', (req: Request, res: Response, next: NextFunction) => {
      const token = this.config.metricsToken;
      if (token && !sameSecret(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '', token)) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('unauthorized\n');
        return;
      }
      this.exporter.exposition().then(
        (text) => {
          const body = Buffer.from(text, 'utf8');
          res.status(200);
          res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.setHeader('Content-Length', body.length);
          res.end(body);
        },
        (e: unknown) => {
          this.logger.warn(`/metrics: ${e instanceof Error ? e.message : String(e)}`);
          if (res.headersSent) return next(e);
          res.status(503).type('text/plain').send('metrics unavailable\n');
        },
      );
    });
  }
}
