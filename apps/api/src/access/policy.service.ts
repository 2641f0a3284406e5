import { Injectable } from '@nestjs/common';
import {
  AuthorizationDecision,
  Authorizer,
  Principal,
  RequestContext,
  ResourceContext,
  scopesAllow,
} from '@oversing/platform';
import { AccessRepository, EffectiveAssignment } from './access.repository';
import { ResourceHierarchy } from './resource-hierarchy';

export interface AccessibleContexts {
  tenantWide: boolean;
  programIds: string[];
  taskIds: string[];
}

/**
 * The one place that decides who may do what. Users get permissions from roles (with inheritance)
 * assigned tenant-wide or on a program or task, directly or through groups; a grant on a program covers
 * its tasks and sub-programs. Clients act within their tenant with the permissions their scopes name.
 */
@Injectable()
export class PolicyService implements Authorizer {
  constructor(
    private readonly access: AccessRepository,
    private readonly hierarchy: ResourceHierarchy,
  ) {}

  async authorize(
    principal: Principal,
    permission: string,
    resource?: ResourceContext,
  ): Promise<AuthorizationDecision> {
    const chain = resource ? await this.hierarchy.chainOf(resource) : undefined;
    if (chain === null) return 'not_found';
    if (principal.kind === 'client') return 'allow';

    const assignments = await this.assignmentsOf(principal);
    const grants = (a: EffectiveAssignment): boolean => a.permissions.includes(permission);
    if (assignments.some((a) => a.contextType === 'tenant' && grants(a))) return 'allow';
    if (
      chain &&
      assignments.some(
        (a) => grants(a) && chain.some((c) => c.type === a.contextType && c.id === a.contextId),
      )
    ) {
      return 'allow';
    }
    return 'deny';
  }

  /** Where a user holds a permission: everywhere in the tenant, or on these programs and tasks. */
  async accessibleContexts(principal: Principal, permission: string): Promise<AccessibleContexts> {
    if (principal.kind === 'client') return { tenantWide: true, programIds: [], taskIds: [] };
    const assignments = (await this.assignmentsOf(principal)).filter((a) =>
      a.permissions.includes(permission),
    );
    return {
      tenantWide: assignments.some((a) => a.contextType === 'tenant'),
      programIds: assignments.filter((a) => a.contextType === 'program').map((a) => a.contextId!),
      taskIds: assignments.filter((a) => a.contextType === 'task').map((a) => a.contextId!),
    };
  }

  /**
   * What a user may do, for clients that show only what can be used (the PWA's panels and links): the
   * permissions held tenant-wide, and those held only on some programs or tasks; each within what the
   * token's scopes allow (sorted, without duplicates).
   */
  async permissionsOf(principal: Principal): Promise<{ tenant: string[]; contexts: string[] }> {
    const assignments = await this.assignmentsOf(principal);
    const allowed = (p: string) => scopesAllow(principal.scopes, p, principal.kind);
    const tenant = new Set(
      assignments.filter((a) => a.contextType === 'tenant').flatMap((a) => a.permissions.filter(allowed)),
    );
    const contexts = new Set(
      assignments
        .filter((a) => a.contextType !== 'tenant')
        .flatMap((a) => a.permissions.filter((p) => allowed(p) && !tenant.has(p))),
    );
    return { tenant: [...tenant].sort(), contexts: [...contexts].sort() };
  }

  /** Tenant-wide role keys of a user (they go into access tokens). */
  async tenantRolesOf(userId: string): Promise<string[]> {
    const assignments = await this.access.effectiveAssignments(userId);
    return [...new Set(assignments.filter((a) => a.contextType === 'tenant').map((a) => a.roleKey))].sort();
  }

  private async assignmentsOf(principal: Principal): Promise<EffectiveAssignment[]> {
    const store = RequestContext.current() as
      (ReturnType<typeof RequestContext.current> & { assignments?: EffectiveAssignment[] }) | undefined;
    if (store?.assignments) return store.assignments;
    const assignments = await this.access.effectiveAssignments(principal.id);
    if (store) store.assignments = assignments;
    return assignments;
  }
}
