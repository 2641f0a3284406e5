import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, Public } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { PasswordResetService } from '../identity/password-reset.service';
import { issueCsrfToken, verifyCsrfToken } from './csrf';
import {
  renderForgotPasswordPage,
  renderMessagePage,
  renderSetPasswordPage,
  sendHtmlPage,
} from './interaction-views';

type FormBody = Record<string, string | undefined>;

/** Own security headers (sendHtmlPage) instead of helmet's; the POSTs are rate limited per IP. */
const PAGE = { helmet: { skipRoute: true } };
const FORM_POST = (max: number) => ({ ...PAGE, rateLimit: { max, timeWindow: '1 minute' } });

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/**
 * The password pages of the authorization server, linked from the sign-in page ("Forgot password?")
 * and from the mails (reset and invitation links). Server-rendered, script-free, CSRF-protected like
 * the sign-in page. After a password is set, the user signs in through the application as usual.
 */
@ApiExcludeController()
@Controller('account/password')
export class AccountPagesController {
  constructor(
    private readonly links: PasswordResetService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @RouteConfig(PAGE)
  @Get('forgot')
  forgotForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendHtmlPage(
      reply,
      200,
      renderForgotPasswordPage({ csrfToken: issueCsrfToken(request, reply, '/account') }),
    );
  }

  @Public()
  @RouteConfig(FORM_POST(5))
  @Post('forgot')
  async forgot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    verifyCsrfToken(request);
    const email = ((request.body ?? {}) as FormBody).email?.trim() ?? '';
    if (!isEmail(email) || email.length > 320) {
      return sendHtmlPage(
        reply,
        422,
        renderForgotPasswordPage({
          csrfToken: issueCsrfToken(request, reply, '/account'),
          email,
          error: 'Enter a valid email address.',
        }),
      );
    }
    await this.links.request(email);
    // The same answer whether or not the account exists.
    sendHtmlPage(
      reply,
      200,
      renderMessagePage({
        title: 'Check your mail',
        message: `If ${email} belongs to an account, we have sent it a link to choose a new password. The link works once, within 30 minutes.`,
        link: { href: this.config.PUBLIC_WEB_URL, label: 'Back to sign in' },
      }),
    );
  }

  @Public()
  @RouteConfig(PAGE)
  @Get('reset')
  async resetForm(
    @Query('token') token: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = token && TOKEN_SHAPE.test(token) ? await this.links.inspect(token) : null;
    if (!link) return this.invalidLink(reply);
    sendHtmlPage(
      reply,
      200,
      renderSetPasswordPage({
        csrfToken: issueCsrfToken(request, reply, '/account'),
        token: token!,
        email: link.email,
        invitation: link.purpose === 'invitation',
      }),
    );
  }

  @Public()
  @RouteConfig(FORM_POST(10))
  @Post('reset')
  async reset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    verifyCsrfToken(request);
    const body = (request.body ?? {}) as FormBody;
    const token = body.token ?? '';
    const password = body.password ?? '';
    const link = TOKEN_SHAPE.test(token) ? await this.links.inspect(token) : null;
    if (!link) return this.invalidLink(reply);
    const problem =
      password.length < 12 || password.length > 256
        ? 'The password must be between 12 and 256 characters.'
        : password !== body.confirm
          ? 'The two passwords do not match.'
          : undefined;
    if (problem) {
      return sendHtmlPage(
        reply,
        422,
        renderSetPasswordPage({
          csrfToken: issueCsrfToken(request, reply, '/account'),
          token,
          email: link.email,
          invitation: link.purpose === 'invitation',
          error: problem,
        }),
      );
    }
    try {
      await this.links.reset(token, password);
    } catch (error) {
      // used by a concurrent request between inspect() and reset()
      if (error instanceof AppException) return this.invalidLink(reply);
      throw error;
    }
    sendHtmlPage(
      reply,
      200,
      renderMessagePage({
        title: 'Password set',
        message: `Your password is set. Sign in with ${link.email} and your new password.`,
        link: { href: this.config.PUBLIC_WEB_URL, label: 'Sign in' },
      }),
    );
  }

  private invalidLink(reply: FastifyReply): void {
    sendHtmlPage(
      reply,
      410,
      renderMessagePage({
        title: 'Link no longer valid',
        message:
          'This link is invalid, has expired or was already used. Ask for a new one; an invitation can be sent again by your administrator.',
        link: { href: '/account/password/forgot', label: 'Ask for a new password link' },
        alert: true,
      }),
    );
  }
}
