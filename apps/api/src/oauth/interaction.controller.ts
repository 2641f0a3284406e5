import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppException, Public } from '@oversing/platform';
import { CredentialsService } from '../identity/credentials.service';
import { issueCsrfToken, verifyCsrfToken } from './csrf';
import { renderConsentPage, renderLoginPage, sendHtmlPage } from './interaction-views';
import { OIDC_PROVIDER } from './oidc-provider.factory';

type FormBody = Record<string, string | undefined>;

/** These pages set their own security headers (see html()), so helmet's global CSP is skipped here. */
const OWN_SECURITY_HEADERS = { helmet: { skipRoute: true } };

/** The sign-in and consent pages of the authorization server (oidc-provider interactions). */
@ApiExcludeController()
@Controller('oauth/interaction')
export class InteractionController {
  constructor(
    @Inject(OIDC_PROVIDER) private readonly provider: Provider,
    private readonly credentials: CredentialsService,
  ) {}

  @Public()
  @RouteConfig(OWN_SECURITY_HEADERS)
  @Get(':uid')
  async show(
    @Param('uid') _uid: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const details = await this.details(request, reply);
    const client = await this.provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? 'the application';
    const csrfToken = issueCsrfToken(request, reply);
    if (details.prompt.name === 'login') {
      return this.html(
        reply,
        200,
        renderLoginPage({ uid: details.uid, csrfToken, clientName }),
        details.params.redirect_uri,
      );
    }
    const missing = (details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>;
    const scopes = [
      ...((details.prompt.details.missingOIDCScope as string[] | undefined) ?? []),
      ...Object.values(missing).flat(),
    ];
    return this.html(
      reply,
      200,
      renderConsentPage({ uid: details.uid, csrfToken, clientName, scopes: [...new Set(scopes)] }),
    );
  }

  @Public()
  @RouteConfig(OWN_SECURITY_HEADERS)
  @Post(':uid/login')
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.details(request, reply);
    verifyCsrfToken(request);
    if (details.prompt.name !== 'login')
      throw AppException.badRequest('This sign-in step is already complete');
    const body = (request.body ?? {}) as FormBody;
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const client = await this.provider.Client.find(String(details.params.client_id));
    const page = (status: number, error: string, askTotp = false): void =>
      this.html(
        reply,
        status,
        renderLoginPage({
          uid: details.uid,
          csrfToken: issueCsrfToken(request, reply),
          clientName: client?.clientName ?? 'the application',
          email,
          error,
          askTotp,
        }),
        details.params.redirect_uri,
      );

    if (!email || !password) return page(422, 'Enter your email and password.');
    const result = await this.credentials.signIn(email, password, request.ip, body.totp?.trim() || undefined);
    switch (result.outcome) {
      case 'locked':
        void reply.header('retry-after', String(result.retryAfterSeconds));
        return page(
          429,
          `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s).`,
        );
      case 'invalid':
        return page(401, 'The email or password is incorrect.');
      case 'totp_required':
        return page(401, 'Enter the 6-digit code from your authenticator app.', true);
      case 'success': {
        const redirectTo = await this.provider.interactionResult(
          request.raw,
          reply.raw,
          {
            login: { accountId: result.user.id, remember: false },
          },
          { mergeWithLastSubmission: false },
        );
        return void reply.redirect(redirectTo, 303);
      }
    }
  }

  @Public()
  @RouteConfig(OWN_SECURITY_HEADERS)
  @Post(':uid/confirm')
  async confirm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.details(request, reply);
    verifyCsrfToken(request);
    if (details.prompt.name !== 'consent' || !details.session?.accountId)
      throw AppException.badRequest('Nothing to confirm');
    const grant = details.grantId
      ? (await this.provider.Grant.find(details.grantId))!
      : new this.provider.Grant({
          accountId: details.session.accountId,
          clientId: String(details.params.client_id),
        });
    const promptDetails = details.prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (promptDetails.missingOIDCScope) grant.addOIDCScope(promptDetails.missingOIDCScope.join(' '));
    for (const [resource, scopes] of Object.entries(promptDetails.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    const redirectTo = await this.provider.interactionResult(
      request.raw,
      reply.raw,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return void reply.redirect(redirectTo, 303);
  }

  @Public()
  @RouteConfig(OWN_SECURITY_HEADERS)
  @Post(':uid/abort')
  async abort(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.details(request, reply);
    verifyCsrfToken(request);
    const redirectTo = await this.provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'The user cancelled the request' },
      { mergeWithLastSubmission: false },
    );
    return void reply.redirect(redirectTo, 303);
  }

  private async details(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Awaited<ReturnType<Provider['interactionDetails']>>> {
    try {
      return await this.provider.interactionDetails(request.raw, reply.raw);
    } catch {
      throw AppException.badRequest(
        'This sign-in link has expired or was opened in another browser; start again from the application',
      );
    }
  }

  private html(reply: FastifyReply, status: number, body: string, redirectUri?: unknown): void {
    sendHtmlPage(reply, status, body, redirectUri);
  }
}
