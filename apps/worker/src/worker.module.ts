import { type AppConfig, ConfigModule } from '@lyg/config';
import { dataSourceOptions } from '@lyg/database';
import { WorkflowModule } from '@lyg/workflow';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckpointModule } from './checkpoints/checkpoint-scheduler';
import { DeadlineRunner } from './deadlines/deadline-runner';
import { OutboxSenderModule } from './outbox/outbox-sender.module';
import { TriageRerunner } from './triage/triage-rerunner';

/** The worker: deadline timers, outbox mail, audit checkpoints, re-triage on new history. Stateless; any number may run. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forConfig(config),
        // forRootAsync: the same data source, without @nestjs/typeorm's process-wide name registry, which warns when the
        // API and the worker run in one process (the main command): each application context owns its own DataSource,
        // and TypeORM 1.x keeps no global registry in which they could override each other.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.databaseUrl, Math.min(config.databasePoolSize, 5), { role: config.databaseAppRole }), migrationsRun: false }),
        }),
        WorkflowModule,
        OutboxSenderModule,
        CheckpointModule,
      ],
      providers: [DeadlineRunner, TriageRerunner],
    };
  }
}
