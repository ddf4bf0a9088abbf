import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lyg/config';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { createApp } from './create-app';

/**
 * Starts the API. Signals are the caller's: the main command (launcher.ts) stops the API, the worker and its embedded
 * services in order on Ctrl-C; run alone, this file's own entry point closes the API on SIGINT or SIGTERM.
 */
export async function startApi(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const app = await createApp(config);
  const server = app.getHttpServer() as Server;
  // Request timeouts (S8): headers must arrive within 20 s (slow-loris); a whole request, evidence uploads of up
  // to EVIDENCE_MAX_BYTES included, within 15 minutes; idle keep-alive sockets close after 5 s.
  server.requestTimeout = 15 * 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  await app.listen(config.port, '0.0.0.0');
  return app;
}

if (require.main === module) {
  startApi().then((app) => app.enableShutdownHooks(), (e: unknown) => {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    new Logger('api').error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
