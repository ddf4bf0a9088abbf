// The set-up of the deadline tests: the API with a cast, the workflow's clock (moved by a test, reset after each), and
// a worker that does not poll, whose DeadlineRunner a test calls at the time it chooses.
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClockService } from '@lyg/workflow';
import { DeadlineRunner } from '../../apps/worker/src/deadlines/deadline-runner';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { startTestApp, testConfig, type TestApp } from './test-app';
import { actor, cast, type Cast } from './workflow';

export interface DeadlineWorld {
  t: TestApp;
  c: Cast;
  w: ReturnType<typeof actor>;
  clock: ClockService;
  runner: DeadlineRunner;
  close(): Promise<void>;
}

export async function startDeadlineWorld(): Promise<DeadlineWorld> {
  const t = await startTestApp();
  const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ WORKER_POLL_MS: '0' })), {
    logger: false,
  });
  return {
    t,
    c: await cast(t),
    w: actor(t),
    clock: t.app.get(ClockService),
    runner: worker.get(DeadlineRunner),
    close: async () => {
      await worker.close();
      await t.close();
    },
  };
}

/** The case's newest deadline row of `stage`, `due_date` as text. */
export async function deadlineRow(t: TestApp, caseId: string, stage: string) {
  return (await t.ds.query('SELECT *, due_date::text AS due_date FROM case_deadline WHERE case_id = $1 AND stage = $2 ORDER BY started_at DESC LIMIT 1', [caseId, stage]))[0];
}
