import { AuthModule } from '@lyg/auth';
import { WorkflowModule } from '@lyg/workflow';
import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency.service';
import { AgenciesController } from './agencies.controller';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { StaffController } from './staff.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Organisations and accounts (admin), the staff directory the queues assign from, and the agencies cases go to. */
@Module({
  imports: [AuthModule, WorkflowModule],
  controllers: [OrganizationsController, UsersController, StaffController, AgenciesController],
  providers: [OrganizationsService, UsersService, IdempotencyService],
})
export class AccountsModule {}
