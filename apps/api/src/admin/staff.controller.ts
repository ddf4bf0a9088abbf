import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { STAFF_ROLES } from '@lyg/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StaffListQuery } from './users.dto';
import { UsersService } from './users.service';

/** The eligible assignees of queue work by name (supervisors reassign and assign mediators; staff see who holds a case). */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('staff')
export class StaffController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() q: StaffListQuery, @CurrentCaller() caller: Caller) {
    return this.users.staff(q, caller);
  }
}
