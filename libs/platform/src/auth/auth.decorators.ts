import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const IS_PUBLIC = 'oversing:public';
export const AUTH_REQUIREMENT = 'oversing:auth';

/** Where a context-aware permission is checked: the resource named by a route parameter. */
export interface ResourceContextRef {
  type: string;
  /** route parameter holding the resource id */
  param: string;
}

export interface AuthRequirement {
  /** `<resource>:<action>`, e.g. `tasks:write`. Omit to require only a valid token. */
  permission?: string;
  /** Check the permission against this resource (program/task level grants), not only tenant-wide. */
  context?: ResourceContextRef;
  /**
   * For internal service accounts only: the route works across every tenant at once (a feed the API
   * consumes), so the service token names no tenant in X-Oversing-Tenant. Such a route must refuse
   * everyone else through its permission, and its queries are cross-tenant by design.
   */
  allTenants?: boolean;
}

/** Marks a route as open to anonymous callers. Every route is either this or @Authenticated. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Requires a valid access token and, optionally, a permission (scoped by the token and granted by RBAC). */
export function Authenticated(requirement: AuthRequirement = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, requirement),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked access token' }),
    ...(requirement.permission
      ? [ApiForbiddenResponse({ description: `Requires permission ${requirement.permission}` })]
      : []),
  );
}
