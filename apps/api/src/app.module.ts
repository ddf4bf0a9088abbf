import { AuthModule } from '@lyg/auth';
import { type AppConfig, ConfigModule } from '@lyg/config';
import { dataSourceOptions } from '@lyg/database';
import { OutboxModule } from '@lyg/notify';
import { WorkflowModule } from '@lyg/workflow';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './admin/accounts.module';
import { MailSinkController } from './admin/mail-sink.controller';
import { OutboxController } from './admin/outbox.controller';
import { RegisteredEnterprisesController } from './admin/registered-enterprises.controller';
import { AuditApiModule } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { HistoryService } from './cases/history.service';
import { QueueService } from './cases/queue.service';
import { IdempotencyService } from './common/idempotency.service';
import { ComplaintsController } from './complaints/complaints.controller';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { RespondModule } from './respond/respond.module';
import { TransfersModule } from './transfers/transfers.module';
import { RuleSetsController } from './triage/rule-sets.controller';
import { TriagePreviewController } from './triage/triage-preview.controller';
import { InfrastructureModule } from './infrastructure.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        // forRootAsync: the same data source, without @nestjs/typeorm's process-wide name registry, which warns when the
        // API and the worker run in one process (the main command): each application context owns its own DataSource,
        // and TypeORM 1.x keeps no global registry in which they could override each other.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.databaseUrl, config.databasePoolSize, { role: config.databaseAppRole }), migrationsRun: false }),
        }),
        InfrastructureModule,
        AuthModule,
        WorkflowModule,
        EvidenceModule,
        OutboxModule,
        AuditApiModule,
        MetricsModule,
        TransfersModule,
        RespondModule,
        AccountsModule,
      ],
      controllers: [AuthController, ComplaintsController, CasesController, CalendarController, RegisteredEnterprisesController, OutboxController, MailSinkController, TriagePreviewController, RuleSetsController, HealthController],
      providers: [CasesService, HistoryService, QueueService, IdempotencyService],
    };
  }
}
