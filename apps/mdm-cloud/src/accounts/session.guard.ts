import { ROLES, SESSION_COOKIE } from '@certlab/contracts';
import { PUBLIC_ROUTE } from '@certlab/service-kit';
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CloudErrors } from '../errors';
import { AuthService } from './auth.service';
import type { ConsoleAccount } from './console-account.entity';

const ANY_ROLE = 'certlab:anyRole';
/** Marks a write that every signed-in role may make, such as signing out. */
export const AnyRole = () => SetMetadata(ANY_ROLE, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticatedRequest extends Request {
  account?: ConsoleAccount;
}

/**
 * Every admin API route needs a valid session; a read-only operator may only read. Deny by
 * default: a new controller is protected without anyone remembering to protect it.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const cookies = req.cookies as Record<string, string | undefined> | undefined;
    const account = await this.auth.resolve(cookies?.[SESSION_COOKIE]);
    const writes = !SAFE_METHODS.has(req.method) && !this.reflector.getAllAndOverride<boolean>(ANY_ROLE, targets);
    if (writes && !ROLES[account.role].canWrite) throw CloudErrors.readOnlyRole();
    req.account = account;
    return true;
  }
}

/** The signed-in console account of the request (set by SessionGuard). */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const account = ctx.switchToHttp().getRequest<AuthenticatedRequest>().account;
  if (!account) throw CloudErrors.notSignedIn();
  return account;
});
