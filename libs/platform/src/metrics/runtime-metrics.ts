import { Gauge, Histogram } from 'prom-client';
import { getOrCreate, metricsRegistry } from './metrics';

/** What the pool gauge reads from a node-postgres Pool (also the pool behind a TypeORM DataSource). */
export interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** A TypeORM DataSource on PostgreSQL: its driver's `master` is the pg Pool once it is initialized. */
export interface DataSourceLike {
  driver: unknown;
}

type PoolSource = () => PgPoolLike | undefined;

const poolSources = new Map<string, Set<PoolSource>>();

function poolGauge(): Gauge<'app' | 'state'> {
  return getOrCreate(
    'oversing_db_pool_connections',
    () =>
      new Gauge({
        name: 'oversing_db_pool_connections',
        help: 'PostgreSQL pool connections by state (total, idle, busy, waiting = clients queued for one)',
        labelNames: ['app', 'state'],
        registers: [metricsRegistry()],
        collect() {
          this.reset();
          for (const [app, sources] of poolSources) {
            const sums = { total: 0, idle: 0, busy: 0, waiting: 0 };
            for (const source of sources) {
              const pool = source();
              if (!pool) continue;
              sums.total += pool.totalCount;
              sums.idle += pool.idleCount;
              sums.busy += pool.totalCount - pool.idleCount;
              sums.waiting += pool.waitingCount;
            }
            for (const [state, value] of Object.entries(sums)) this.set({ app, state }, value);
          }
        },
      }),
  );
}

function isPgPool(value: unknown): value is PgPoolLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PgPoolLike).totalCount === 'number' &&
    typeof (value as PgPoolLike).idleCount === 'number'
  );
}

/**
 * Exposes `oversing_db_pool_connections{app,state}` for a pg Pool or a TypeORM DataSource, read on
 * every scrape. Returns a function that stops reporting this pool (call it when the pool is closed).
 */
export function instrumentPool(source: PgPoolLike | DataSourceLike, app: string): () => void {
  poolGauge();
  const read: PoolSource = isPgPool(source)
    ? () => source
    : () => {
        const master = (source.driver as { master?: unknown } | undefined)?.master;
        return isPgPool(master) ? master : undefined;
      };
  const sources = poolSources.get(app) ?? new Set<PoolSource>();
  sources.add(read);
  poolSources.set(app, sources);
  return () => {
    sources.delete(read);
    if (!sources.size) poolSources.delete(app);
  };
}

/** What the queue gauge reads from a BullMQ Queue. */
export interface QueueLike {
  name: string;
  qualifiedName: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed', 'paused'];

const queues = new Map<string, QueueLike>();

function queueGauge(): Gauge<'queue' | 'state'> {
  return getOrCreate(
    'oversing_queue_jobs',
    () =>
      new Gauge({
        name: 'oversing_queue_jobs',
        help: 'BullMQ jobs by queue and state, read from Redis on scrape',
        labelNames: ['queue', 'state'],
        registers: [metricsRegistry()],
        async collect() {
          this.reset();
          await Promise.all(
            [...queues.values()].map(async (queue) => {
              const counts = await Promise.race([
                queue.getJobCounts(...QUEUE_STATES),
                new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000).unref()),
              ]).catch(() => null);
              if (!counts) return;
              for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            }),
          );
        },
      }),
  );
}

/**
 * Exposes `oversing_queue_jobs{queue,state}` for these BullMQ queues, counted in Redis on every scrape
 * (so a process that only produces, or only shows the dashboard, reports the depths too). Returns a
 * function that stops reporting them.
 */
export function instrumentQueues(list: readonly QueueLike[]): () => void {
  queueGauge();
  for (const queue of list) queues.set(queue.qualifiedName, queue);
  return () => {
    for (const queue of list)
      if (queues.get(queue.qualifiedName) === queue) queues.delete(queue.qualifiedName);
  };
}

/** What the duration histogram listens to on a BullMQ Worker. */
export interface WorkerLike {
  name: string;
  on(event: 'completed', listener: (job: FinishedJobLike) => void): unknown;
  on(event: 'failed', listener: (job: FinishedJobLike | undefined) => void): unknown;
}

export interface FinishedJobLike {
  processedOn?: number;
  finishedOn?: number;
}

function jobHistogram(): Histogram<'queue' | 'status'> {
  return getOrCreate(
    'oversing_job_duration_seconds',
    () =>
      new Histogram({
        name: 'oversing_job_duration_seconds',
        help: 'Time a BullMQ job spent processing, by queue and outcome',
        labelNames: ['queue', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        registers: [metricsRegistry()],
      }),
  );
}

/** Records `oversing_job_duration_seconds{queue,status}` for every job this worker finishes. */
export function instrumentWorker(worker: WorkerLike): void {
  const histogram = jobHistogram();
  const observe = (job: FinishedJobLike | undefined, status: 'completed' | 'failed'): void => {
    if (!job?.processedOn) return;
    const finishedOn = job.finishedOn ?? Date.now();
    histogram.observe({ queue: worker.name, status }, Math.max(0, finishedOn - job.processedOn) / 1000);
  };
  worker.on('completed', (job) => observe(job, 'completed'));
  worker.on('failed', (job) => observe(job, 'failed'));
}
