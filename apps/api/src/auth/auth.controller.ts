import { AuthService, type Caller, CurrentCaller, OpenBeforePasswordChange, PASSWORD_LENGTH, Public } from '@lyg/auth';
import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { IsDefined, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'enterprise@demo.example' })
  @IsDefined() @IsString() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-pass-2026' })
  @IsDefined() @IsString() @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password signed in with (the one-time password after a reset)' })
  @IsDefined() @IsString() @MaxLength(PASSWORD_LENGTH.max)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max })
  @IsDefined() @IsString() @MaxLength(PASSWORD_LENGTH.max)
  newPassword: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @OpenBeforePasswordChange()
  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return this.auth.profile(caller);
  }

  /**
   * A fresh token for the signed-in session, answered like a sign-in: the web UI renews a working user's token
   * before it expires. The session's start is kept: after SESSION_MAX_SECONDS the password is asked again (401).
   */
  @ApiBearerAuth()
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentCaller() caller: Caller) {
    return this.auth.refresh(caller);
  }

  /** The caller's own new password; required before anything else after a one-time password. Answers like a sign-in. */
  @ApiBearerAuth()
  @OpenBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentCaller() caller: Caller, @Body() dto: ChangePasswordDto, @Req() req: Request, @Headers('x-request-id') requestId: string) {
    return this.auth.changePassword(caller, dto.currentPassword, dto.newPassword, req.ip ?? 'unknown', requestId ?? null);
  }
}
