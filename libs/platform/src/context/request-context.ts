import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting: a user (through any client) or a client acting for itself (client credentials). */
export interface Principal {
  kind: 'user' | 'client';
  /** user id for users, client id for clients */
  id: string;
  tenantId: string;
  clientId?: string;
  roles: string[];
  scopes: string[];
  /** token id and grant id, used by revocation */
  tokenId?: string;
  grantId?: string;
  /**
   * An internal service account (the audit relay, the API calling the certification service): its
   * token is not bound to one tenant; each request names the tenant it acts for (X-Oversing-Tenant).
   */
  service?: boolean;
}

export interface RequestContextStore {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  tenantId?: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

export class TenantContextMissingError extends Error {
  constructor() {
    super('No tenant in the current context: tenant-scoped data was accessed outside a tenant scope');
  }
}

/** The per-request (or per-job) context. Set up once per request by the HTTP layer, or by runInContext. */
export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
  /** The tenant of the current request or job; throws when there is none, so unscoped access fails. */
  tenantId(): string {
    const tenantId = storage.getStore()?.tenantId;
    if (!tenantId) throw new TenantContextMissingError();
    return tenantId;
  },
  principal(): Principal | undefined {
    return storage.getStore()?.principal;
  },
  setPrincipal(principal: Principal): void {
    const store = storage.getStore();
    if (!store) throw new Error('RequestContext.setPrincipal called outside a request context');
    store.principal = principal;
    store.tenantId = principal.tenantId;
  },
};

/** Runs work (a CLI command, a queue job) inside a given tenant. */
export function runInTenant<T>(tenantId: string, fn: () => T, extra: Partial<RequestContextStore> = {}): T {
  return storage.run({ ...extra, tenantId }, fn);
}
