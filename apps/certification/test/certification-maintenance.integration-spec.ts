import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_QUEUES } from '@oversing/platform';
import {
  CERTIFICATION_MAINTENANCE_QUEUE,
  CertificationMaintenanceJob,
} from '../src/log/certification-maintenance.processor';
import {
  asSuperuser,
  callCert,
  certificationClientToken,
  newPolicy,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
} from './support/certification-harness';

let api: RunningApi;
let cert: RunningCertification;
let replica: RunningCertification | undefined;
let writer: string;

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api, { CHECKPOINT_INTERVAL_SECONDS: '1' });
  const tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:write']);
  await newPolicy(cert, tenant, { key: 'maintenance', name: 'Maintenance', rules: {}, thresholds: {} });
});

afterAll(async () => {
  await replica?.close();
  await cert?.close();
  await api?.close();
});

const queueOf = (c: RunningCertification) => c.app.get<Queue>(getQueueToken(CERTIFICATION_MAINTENANCE_QUEUE));

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('certification-maintenance queue', () => {
  it('is a system queue owned by the certification service', () => {
    expect(SYSTEM_QUEUES.find((q) => q.name === CERTIFICATION_MAINTENANCE_QUEUE)?.owner).toBe(
      'certification',
    );
  });

  it('registers the checkpoint, partition and idempotency-key prune jobs as repeatable jobs, one at a time across replicas', async () => {
    const queue = queueOf(cert);
    replica = await startCertification(api, {
      CHECKPOINT_INTERVAL_SECONDS: '1',
      BULLMQ_PREFIX: cert.config.BULLMQ_PREFIX,
    });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, Number(s.every)]).sort()).toEqual([
      [CertificationMaintenanceJob.AuditPartitions, 24 * 3600 * 1000],
      [CertificationMaintenanceJob.IdempotencyKeysPrune, 3600 * 1000],
      [CertificationMaintenanceJob.Checkpoint, 1000],
    ]);
    expect(await queue.getGlobalConcurrency()).toBe(1);
  });

  it('signs a checkpoint covering new entries and ensures the audit partitions from its jobs', async () => {
    const queue = queueOf(cert);
    const issued = await callCert(cert, 'POST', '/api/v1/certifications', {
      token: writer,
      body: {
        input: { prompt: 'p' },
        output: 'fine',
        provider: 'openai',
        model: 'gpt-4o',
        policy_key: 'maintenance',
      },
    });
    expect(issued.status).toBe(201);
    const leaves = await asSuperuser(async (db) =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM log_leaves')).rows[0].n),
    );

    const job = await waitFor(async () => {
      const done: Job[] = await queue.getJobs(['completed'], 0, 100);
      return done.find(
        (j) =>
          j.name === CertificationMaintenanceJob.Checkpoint &&
          (j.returnvalue as { size: number }).size >= leaves,
      );
    });
    const size = (job.returnvalue as { size: number }).size;
    const stored = await asSuperuser(async (db) =>
      Number(
        (await db.query<{ n: string }>('SELECT count(*) AS n FROM log_checkpoints WHERE size = $1', [size]))
          .rows[0].n,
      ),
    );
    expect(stored).toBe(1);

    const partitions = await waitFor(async () => {
      const done: Job[] = await queue.getJobs(['completed'], 0, 100);
      return done.find((j) => j.name === CertificationMaintenanceJob.AuditPartitions);
    });
    expect(partitions.returnvalue).toEqual({ ensured: true });
  });
});
