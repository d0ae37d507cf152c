import { type LoginRequest, loginRequestSchema, SESSION_COOKIE, type SessionResponse } from '@certlab/contracts';
import { Public, ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, toSessionUser } from './auth.service';
import type { ConsoleAccount } from './console-account.entity';
import { AnyRole, CurrentAccount } from './session.guard';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodPipe(loginRequestSchema)) body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionResponse> {
    const signedIn = await this.auth.signIn(body.username, body.password, req.ip);
    // httpOnly: scripts never see the token; SameSite=Strict: other sites cannot ride the session.
    res.cookie(SESSION_COOKIE, signedIn.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      expires: signedIn.expiresAt,
    });
    return { user: signedIn.user };
  }

  @Get('me')
  me(@CurrentAccount() account: ConsoleAccount): SessionResponse {
    return { user: toSessionUser(account) };
  }

  @AnyRole()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentAccount() account: ConsoleAccount, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut((req.cookies as Record<string, string | undefined>)[SESSION_COOKIE], account.username);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
