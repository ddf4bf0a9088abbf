import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendOutcome } from '../common/http';
import { AccountIdParam } from '../common/uuid-param';
import { UserInputDto, UserListQuery, UserUpdateDto } from './users.dto';
import { ifMatchOf } from './revision';
import { UsersService } from './users.service';

/** Accounts: list, create with a one-time password, update (deactivate, reactivate, role), reset the password. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() q: UserListQuery) {
    return this.users.list(q);
  }

  @Post()
  @ApiOperation({ description: '201 `{user, oneTimePassword}`: the password is shown this once and must be changed at the first sign-in' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a replay answers `oneTimePassword: null` (it is never stored)' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: UserInputDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-request-id') requestId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendOutcome(res, await this.users.create(caller, dto, key, requestId));
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the account\'s `revision`, e.g. "Xk3…"; 412 when it changed meanwhile' })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', AccountIdParam) id: string,
    @Body() dto: UserUpdateDto,
    @Headers('x-request-id') requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.users.update(caller, id, dto, requestId, ifMatchOf(ifMatch));
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ description: '`{user, oneTimePassword}`: shown this once; the account must choose its own at the next sign-in, and its current sessions end' })
  resetPassword(@CurrentCaller() caller: Caller, @Param('id', AccountIdParam) id: string, @Headers('x-request-id') requestId: string) {
    return this.users.resetPassword(caller, id, requestId);
  }
}
