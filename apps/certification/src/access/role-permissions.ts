import { AuthorizationDecision, Authorizer, Principal } from '@oversing/platform';

/** Certification-service permissions (a subset of the API's catalogue plus audit:write for the relay). */
export const CertificationPermission = {
  Read: 'certifications:read',
  Write: 'certifications:write',
  Review: 'certifications:review',
  Revoke: 'certifications:revoke',
  AuditRead: 'audit:read',
  AuditWrite: 'audit:write',
  /** Crypto-shredding a data subject: tenant admins only, never delegated to clients (no OAuth scope). */
  SubjectErase: 'subjects:erase',
  /**
   * The cross-tenant feed of status events (GET /api/v1/certification-events): the API's internal
   * service account only, never a tenant's user or client.
   */
  Feed: 'certifications:feed',
} as const;

const P = CertificationPermission;

/** The API's system roles (apps/api/src/access/permissions.ts SYSTEM_ROLES), as they apply here. */
export const ROLE_PERMISSIONS: Record<string, readonly string[]> = {
  viewer: [],
  member: [P.Read, P.Write],
  project_manager: [P.Read, P.Write, P.AuditRead],
  compliance_officer: [P.Read, P.Write, P.Review, P.Revoke, P.AuditRead],
  admin: [P.Read, P.Write, P.Review, P.Revoke, P.AuditRead, P.SubjectErase],
};

/** What a client acting for itself (client credentials) may do: exactly what its scopes name. */
const CLIENT_PERMISSIONS: readonly string[] = [P.Read, P.Write, P.AuditRead, P.AuditWrite];

/**
 * Decides from the access token alone: users by the roles the authorization server put in the token,
 * clients by their scopes (the guard has already checked the scope). Review and revocation are never
 * delegated to clients. Tenancy is enforced by every repository query (the token's tenant).
 */
export class RolePermissions implements Authorizer {
  async authorize(principal: Principal, permission: string): Promise<AuthorizationDecision> {
    if (permission === P.Feed) return principal.service === true ? 'allow' : 'deny';
    if (principal.kind === 'client') {
      if (!CLIENT_PERMISSIONS.includes(permission)) return 'deny';
      const [resource, action] = permission.split(':');
      const ok =
        principal.scopes.includes(permission) ||
        (action === 'read' && principal.scopes.includes(`${resource}:write`));
      return ok ? 'allow' : 'deny';
    }
    return principal.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission)) ? 'allow' : 'deny';
  }
}
