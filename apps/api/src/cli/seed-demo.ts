import { INestApplicationContext } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { ApiConfig } from '../api.config';
import { IdentityLookup } from '../identity/user.repository';
import { UsersService } from '../identity/users.service';
import { OAuthClientRepository } from '../oauth/oauth-client.repository';
import { TenantProvisioningService } from '../tenancy/tenant-provisioning.service';
import { TenantRepository } from '../tenancy/tenant.repository';

export const DEMO_USERS = [
  { email: 'admin@demo.test', name: 'Ada Admin', roles: ['admin'] },
  { email: 'pm@demo.test', name: 'Pat Manager', roles: ['project_manager'] },
  { email: 'dev@demo.test', name: 'Dana Developer', roles: ['member'] },
  { email: 'compliance@demo.test', name: 'Cory Compliance', roles: ['compliance_officer'] },
];

/** Idempotent: creates what is missing of the demo tenant, its users and the PWA's OAuth client. */
export async function seedDemo(
  app: INestApplicationContext,
  config: ApiConfig,
): Promise<Record<string, unknown>> {
  const tenants = app.get(TenantRepository);
  const tenant =
    (await tenants.findBySlug('demo')) ??
    (await app.get(TenantProvisioningService).execute({ slug: 'demo', name: 'Demo Organisation' }));
  const created: string[] = [];
  await runInTenant(tenant.id, async () => {
    for (const demo of DEMO_USERS) {
      if (await app.get(IdentityLookup).findByEmail(demo.email)) continue;
      await app.get(UsersService).create({ ...demo, password: config.DEMO_PASSWORD });
      created.push(demo.email);
    }
  });
  const web = new URL(config.PUBLIC_WEB_URL);
  const origins = [
    web.origin,
    `${web.protocol}//127.0.0.1:${web.port}`,
    `${web.protocol}//localhost:${web.port}`,
  ];
  await app
    .get(OAuthClientRepository)
    .upsertPublicWebClient(
      'oversing-web',
      [...new Set(origins.map((o) => `${o}/auth/callback`))],
      [...new Set(origins.map((o) => `${o}/`))],
    );
  return {
    tenant: { id: tenant.id, slug: tenant.slug },
    users_created: created,
    oauth_client: 'oversing-web',
  };
}
