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
import { DEMO_WORKFLOW } from '../workflows/default-workflow';
import { TransitionTaskUseCase } from '../workflows/transition-task.use-case';
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
    const workflow = await app.get(WorkflowsService).ensureDefault(DEMO_WORKFLOW);
    if (workflow.states.some((s) => s.key === 'review' && s.requestCertification))
      await seedDemoReviews(app, tenant.id);
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

export const DEMO_REVIEW_PROGRAM = 'Customer answers';

/**
 * Assistant answers that go through the certified review step, one per outcome of the demo policy
 * (apps/certification/src/policy/demo-policy.ts): a cited answer without personal data is certified at
 * once, one quoting a customer's email and phone number waits for a compliance officer, and one carrying
 * a classification marker is rejected (and its task goes back to "In progress").
 */
export const DEMO_REVIEWS = [
  {
    title: 'Answer the pricing question',
    expect: 'certified',
    llm_output: {
      input: { prompt: 'What does the Team plan cost?' },
      output:
        'The Team plan costs 12 EUR per user and month, billed yearly, and includes single sign-on [1].\n\n[1] https://example.com/pricing',
      provider: 'openai',
      model: 'gpt-4o',
    },
  },
  {
    title: "Reply to the customer's data request",
    expect: 'pending_review',
    llm_output: {
      input: { prompt: 'Draft a reply to the subject access request of Jana Novak' },
      output:
        'Dear Ms Novak,\n\nwe have sent a copy of the personal data we hold about you to jana.novak@example.com, as required by Article 15 GDPR [1]. If anything is missing, call our data protection officer on +44 20 7946 0958.\n\n[1] https://gdpr-info.eu/art-15-gdpr/',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
    },
  },
  {
    title: 'Summarise the supplier contract',
    expect: 'rejected',
    llm_output: {
      input: { prompt: 'Summarise the supplier contract for the steering committee' },
      output:
        'CONFIDENTIAL: the supplier may end the contract with 30 days notice, and prices rise by 4% a year [1].\n\n[1] Supplier contract, section 12',
      provider: 'azure-openai',
      model: 'gpt-4o',
    },
  },
] as const;

/**
 * Tasks whose answers enter the demo workflow's review step as Dana Developer, which writes their
 * certification requests to the outbox; the API delivers them to the certification service once both
 * run (the sweep retries what the seed could not deliver), and the decisions flow back through the
 * status feed. Skipped when the program exists, so a re-run asks for nothing twice.
 */
async function seedDemoReviews(app: INestApplicationContext, tenantId: string): Promise<void> {
  if (await app.get(ProgramRepository).findByName(DEMO_REVIEW_PROGRAM)) return;
  const dev = await app.get(IdentityLookup).findByEmail('dev@demo.test');
  if (!dev) return;
  const program = await app.get(ProgramsService).create({
    name: DEMO_REVIEW_PROGRAM,
    description: 'Assistant answers to customers, certified before they are sent',
  });
  const tasks = app.get(TasksService);
  const principal = { kind: 'user' as const, id: dev.id, tenantId, roles: ['member'], scopes: [] };
  for (const review of DEMO_REVIEWS) {
    const task = await tasks.create({
      program_id: program.id,
      title: review.title,
      status: 'in_progress',
      priority: 2,
      assignee_id: dev.id,
    });
    await runInTenant(
      tenantId,
      async () => {
        const edited = await tasks.update(task.id, { llm_output: review.llm_output }, undefined);
        await app
          .get(TransitionTaskUseCase)
          .execute({ taskId: task.id, toState: 'review', expectedVersion: edited.version });
      },
      { principal },
    );
  }
}
