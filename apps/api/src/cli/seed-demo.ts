import { INestApplicationContext } from '@nestjs/common';
import { INTERNAL_CLIENT_ID, runInTenant } from '@oversing/platform';
import { ProgramRepository } from '../programs/program.repository';
import { ProgramsService } from '../programs/programs.service';
import { TasksService } from '../tasks/tasks.service';
import { ApiConfig, internalClientSecret } from '../api.config';
import { RealtimeAppRepository } from '../broadcasting/realtime-app.repository';
import { IdentityLookup } from '../identity/user.repository';
import { UsersService } from '../identity/users.service';
import { OAuthClientRepository } from '../oauth/oauth-client.repository';
import { TenantProvisioningService } from '../tenancy/tenant-provisioning.service';
import { TenantRepository } from '../tenancy/tenant.repository';
import { WorkflowsService } from '../workflows/workflows.service';

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
    await seedDemoProgram(app);
    await app.get(WorkflowsService).ensureDefault();
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
  // The internal service account the worker's audit relay and the workflow guard use (development secret).
  await app.get(OAuthClientRepository).upsertInternalClient(INTERNAL_CLIENT_ID, internalClientSecret(config));
  // The realtime server's demo app (its key is what GET /api/v1/config tells the PWA).
  await app.get(RealtimeAppRepository).upsert({
    id: config.REALTIME_APP_ID,
    key: config.REALTIME_APP_KEY,
    secret: config.REALTIME_APP_SECRET,
    allowedOrigins: ['http://localhost:4173', 'http://127.0.0.1:4173', web.origin],
    allowNoOrigin: config.NODE_ENV !== 'production',
  });
  return {
    tenant: { id: tenant.id, slug: tenant.slug },
    users_created: created,
    oauth_client: 'oversing-web',
    realtime_app: config.REALTIME_APP_ID,
  };
}

export const DEMO_PROGRAM = 'Website relaunch';

/** One program with tasks across the task states (and a dependency); skipped when it exists. */
async function seedDemoProgram(app: INestApplicationContext): Promise<void> {
  if (await app.get(ProgramRepository).findByName(DEMO_PROGRAM)) return;
  const dev = await app.get(IdentityLookup).findByEmail('dev@demo.test');
  const program = await app.get(ProgramsService).create({
    name: DEMO_PROGRAM,
    description: 'Redesign and relaunch of the public website',
  });
  const tasks = app.get(TasksService);
  const specs = [
    { title: 'Collect requirements', status: 'done' as const, priority: 2 },
    { title: 'Design the new layout', status: 'in_progress' as const, priority: 2 },
    { title: 'Write launch content', status: 'todo' as const, priority: 3 },
    { title: 'Launch', status: 'todo' as const, priority: 1 },
  ];
  const made = [];
  for (const spec of specs) {
    made.push(await tasks.create({ program_id: program.id, ...spec, assignee_id: dev?.id ?? null }));
  }
  await tasks.addDependency(made[3].id, { blocker_id: made[1].id });
  await tasks.addDependency(made[3].id, { blocker_id: made[2].id });
}
