import { AppError, type Role } from '@lyg/domain';
import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import type { Caller } from './caller';

const PUBLIC = 'lyg:public';
const ROLES = 'lyg:roles';
const PASSWORD_CHANGE = 'lyg:password-change';

/** Open without a token: login, the respondent link, the calendar, health. */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed on a route; any other role gets 403. Case scoping by organisation happens in the services. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Open to an account that signed in with a one-time password and has not chosen its own yet (who am I, change it). */
export const OpenBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE, true);

export type AuthedRequest = Request & { caller?: Caller };

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const caller = ctx.switchToHttp().getRequest<AuthedRequest>().caller;
  if (!caller) throw new AppError('unauthenticated');
  return caller;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated');
    req.caller = await this.auth.verifyToken(match[1]);
    if (req.caller.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE, targets)) throw new AppError('password_change_required');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.caller.role)) {
      throw new AppError('forbidden_role', { role: req.caller.role, action: `${req.method} ${req.route?.path ?? req.path}` });
    }
    return true;
  }
}
