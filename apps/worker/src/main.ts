import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lyg/config';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];

/** Starts the worker; signals are the caller's (see startApi). */
export async function startWorker(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  new Logger('worker').log('worker started');
  return app;
}

if (require.main === module) {
  startWorker().then((app) => app.enableShutdownHooks(), (e: unknown) => {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    new Logger('worker').error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
