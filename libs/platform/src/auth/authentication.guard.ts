import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Principal, RequestContext } from '../context/request-context';
import { AppException } from '../errors/app-exception';
import { AUTH_REQUIREMENT, AuthRequirement, IS_PUBLIC } from './auth.decorators';
import { AccessTokenStrategy } from './access-token.strategy';
import { SERVICE_TENANT_HEADER } from './access-token-verifier';
import { isUuid } from '../database/tenant-scoped.repository';
import { AUTHORIZER, scopesAllow } from './authorizer';
import type { Authorizer } from './authorizer';

/**
 * The one global guard. Public routes pass; every other route needs a valid access token (the passport
 * strategy `access-token` of AccessTokenStrategy), the scope for its permission, and the Authorizer's grant for it, checked on
 * the resource named by the route when the requirement has a context. A route with neither marker is
 * refused at boot (see assertEveryRouteIsMarked).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: AccessTokenStrategy,
    @Inject(AUTHORIZER) private readonly authorizer: Authorizer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const requirement = this.reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT, targets);
    if (!requirement) throw AppException.forbidden('This route is not available');

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const authenticated = await this.strategy.authenticate(request);
    const principal =
      requirement.allTenants && authenticated.service ? authenticated : actingTenant(authenticated, request);
    request.user = principal;
    RequestContext.setPrincipal(principal);

    const { permission, context: resourceRef } = requirement;
    if (!permission) return true;
    if (!scopesAllow(principal.scopes, permission, principal.kind)) {
      throw AppException.forbidden(`The access token lacks the scope for ${permission}`);
    }
    const params = (request.params ?? {}) as Record<string, string>;
    const resource = resourceRef ? { type: resourceRef.type, id: params[resourceRef.param] } : undefined;
    const decision = await this.authorizer.authorize(principal, permission, resource);
    if (decision === 'not_found')
      throw AppException.notFound(resourceRef ? capitalize(resourceRef.type) : undefined);
    if (decision === 'deny') throw AppException.forbidden(`You do not have the permission ${permission}`);
    return true;
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A service account names the tenant it acts for in X-Oversing-Tenant; everyone else is bound to the
 * tenant in their token and the header is ignored.
 */
function actingTenant(principal: Principal, request: FastifyRequest): Principal {
  if (!principal.service) return principal;
  const tenant = request.headers[SERVICE_TENANT_HEADER];
  if (typeof tenant !== 'string' || !isUuid(tenant)) {
    throw AppException.forbidden(
      `A service token must name the tenant it acts for in the ${SERVICE_TENANT_HEADER} header`,
    );
  }
  return { ...principal, tenantId: tenant };
}
