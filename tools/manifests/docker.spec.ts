import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from './checks';
import { DOCKER_DIR, REPO_ROOT } from './paths';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Parses a Dockerfile into stages of instructions (comments dropped, continuation lines joined). */
export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines.map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = rest;
      stages.push({
        from,
        ...(as?.toUpperCase() === 'AS' && name !== undefined ? { name } : {}),
        instructions: [],
      });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [key = '', value = ''] = instruction.args.split('=');
      args[key] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const SERVERS = {
  api: { port: 3000, entry: 'dist/apps/api/src/main.js' },
  certification: { port: 3100, entry: 'dist/apps/certification/src/main.js' },
  realtime: { port: 6001, entry: 'dist/apps/realtime/src/main.js' },
  worker: { port: 9464, entry: 'dist/apps/worker/src/main.js' },
};
const APPS = [...Object.keys(SERVERS), 'web'];

const read = (path: string): string => readFileSync(join(DOCKER_DIR, path), 'utf8');
const run = (stage: Stage, pattern: RegExp): boolean =>
  stage.instructions.some((i) => i.keyword === 'RUN' && pattern.test(i.args));

describe.each(APPS)('docker/%s.Dockerfile', (app) => {
  const { args, stages } = parseDockerfile(read(`${app}.Dockerfile`));
  const final = stages.at(-1) as Stage;
  const finalKeywords = final.instructions.map((i) => i.keyword);

  it('is a multi-stage build on node:24-bookworm-slim', () => {
    expect(args.NODE_IMAGE).toBe('node:24-bookworm-slim');
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const stage of stages) expect(stage.from).toBe('${NODE_IMAGE}');
  });

  it('builds with every dependency, ships production dependencies only', () => {
    const build = stages.find((s) => s.name === 'build') as Stage;
    expect(run(build, /(^|\s)npm ci\b(?!.*--omit)/)).toBe(true);
    expect(run(build, /npm run build\b/)).toBe(true);
    if (app === 'web') expect(run(build, /npm run build:web/)).toBe(true);
    const deps = stages.find((s) => s.name === 'prod-deps') as Stage;
    expect(run(deps, /npm ci .*--omit=dev/)).toBe(true);
    const copies = final.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies.some((c) => c.startsWith('--from=build') && c.includes('node_modules'))).toBe(false);
    expect(final.instructions.some((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args))).toBe(
      false,
    );
  });

  it('runs as a non-root user with a health check and the expected entry point', () => {
    const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args ?? 'root';
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(finalKeywords.lastIndexOf('USER')).toBeLessThan(finalKeywords.lastIndexOf('CMD'));
    const healthcheck = final.instructions.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('docker/healthcheck.mjs');
    const cmd = JSON.parse(final.instructions.find((i) => i.keyword === 'CMD')?.args ?? '[]') as string[];
    if (app === 'web') {
      expect(cmd).toEqual(['node', '--enable-source-maps', 'dist/apps/web-server/src/main.js']);
      expect(final.instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe('4173');
    } else {
      const server = SERVERS[app as keyof typeof SERVERS];
      expect(cmd[0]).toBe('node');
      expect(cmd.at(-1)).toBe(server.entry);
      expect(final.instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe(String(server.port));
    }
  });

  it('copies only files that exist in the repository or come from an earlier stage', () => {
    for (const stage of stages) {
      for (const copy of stage.instructions.filter(
        (i) => i.keyword === 'COPY' && !i.args.startsWith('--from'),
      )) {
        const sources = copy.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1);
        for (const source of sources.filter((s) => s !== '.'))
          expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
      }
    }
  });

  it('has its own .dockerignore that keeps dependencies, build output, git and env files out', () => {
    const ignore = read(`${app}.Dockerfile.dockerignore`);
    expect(ignore).toBe(read('api.Dockerfile.dockerignore'));
    for (const pattern of ['.git', '**/node_modules', 'dist', '**/.env'])
      expect(ignore.split('\n')).toContain(pattern);
  });
});

describe('docker/compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, Record<string, unknown>>;
  };
  const services = compose.services;

  it('brings up postgres:15, redis:7, a one-shot migration and every process', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'certification',
      'migrate',
      'postgres',
      'realtime',
      'redis',
      'web',
      'worker',
    ]);
    expect(services.postgres?.image).toBe('postgres:15');
    expect(services.redis?.image).toBe('redis:7');
    expect(services.migrate?.command).toEqual(['node', 'dist/tools/migrate.js']);
    expect(services.migrate?.restart).toBe('no');
  });

  it('creates both databases on first start', () => {
    expect(services.postgres?.volumes).toContain('./postgres:/docker-entrypoint-initdb.d:ro');
    const sql = read('postgres/01-create-databases.sql');
    expect(sql).toMatch(/CREATE DATABASE oversing;/);
    expect(sql).toMatch(/CREATE DATABASE runcible_audit;/);
  });

  it('orders start-up with health checks and depends_on conditions', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(
        (service.depends_on ?? {}) as Record<string, { condition: string }>,
      )) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        if (condition.condition === 'service_healthy')
          expect(services[dependency]?.healthcheck, `${dependency} healthcheck`).toBeDefined();
      }
      if (name !== 'migrate') expect(service.healthcheck, `${name} healthcheck`).toBeDefined();
    }
    for (const name of ['api', 'certification', 'realtime', 'worker']) {
      expect(get(services[name], 'depends_on.migrate.condition'), name).toBe(
        'service_completed_successfully',
      );
      expect(get(services[name], 'depends_on.redis.condition'), name).toBe('service_healthy');
    }
    expect(get(services.migrate, 'depends_on.postgres.condition')).toBe('service_healthy');
  });

  it('builds each process from its Dockerfile and runs it locked down', () => {
    for (const name of APPS) {
      const service = services[name] as Record<string, unknown>;
      expect(get(service, 'build.dockerfile'), name).toBe(`docker/${name}.Dockerfile`);
      expect(existsSync(join(DOCKER_DIR, `${name}.Dockerfile`))).toBe(true);
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toEqual(['no-new-privileges:true']);
    }
  });

  it('passes the contract variables and takes every secret from the environment, never a literal', () => {
    const env = (name: string): Record<string, string> =>
      (services[name]?.environment ?? {}) as Record<string, string>;
    expect(env('api')).toMatchObject({ PORT: '3000', REDIS_URL: 'redis://redis:6379' });
    expect(Object.keys(env('api'))).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'KEY_ENCRYPTION_KEY',
        'PUBLIC_API_URL',
        'CORS_ORIGINS',
        'OAUTH_ISSUER',
      ]),
    );
    expect(Object.keys(env('certification'))).toEqual(
      expect.arrayContaining(['AUDIT_DATABASE_URL', 'KEY_ENCRYPTION_KEY']),
    );
    expect(Object.keys(env('certification'))).not.toContain('DATABASE_URL');
    expect(env('worker').METRICS_PORT).toBe('9464');
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        if (/SECRET|PASSWORD|KEY|TOKEN/i.test(key) && !key.endsWith('_URL')) {
          expect(value, `${name} ${key}`).toMatch(/^\$\{[A-Z_]+(:\?[^}]*|:-)?\}$/);
        }
        const password = /:\/\/[^/:@]+:([^@]+)@/.exec(value)?.[1];
        if (password !== undefined) expect(password, `${name} ${key}`).toMatch(/^\$\{[A-Z_]+\}$/);
      }
    }
  });

  it('documents every variable it requires in docker/.env.example', () => {
    const required = [...read('compose.yaml').matchAll(/\$\{([A-Z_]+)(:\?|:-\})/g)].map(
      (m) => m[1] as string,
    );
    const example = read('.env.example');
    for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });
});

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/ci.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const steps = (job: string): string => JSON.stringify(get(workflow, `jobs.${job}.steps`));

  it('tests against postgres:15 and redis:7 with Debian Chromium, after lint and typecheck', () => {
    expect(get(workflow, 'jobs.test.services.postgres.image')).toBe('postgres:15');
    expect(get(workflow, 'jobs.test.services.redis.image')).toBe('redis:7');
    expect(get(workflow, 'jobs.test.env.DATABASE_URL')).toMatch(/^postgres:\/\//);
    const test = steps('test');
    for (const command of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'chromium'])
      expect(test).toContain(command);
  });

  it('builds every image in docker/ and renders every overlay', () => {
    expect(get(workflow, 'jobs.images.strategy.matrix.app')).toEqual(APPS);
    const manifests = steps('manifests');
    for (const dir of ['k8s/cluster', 'k8s/overlays/dev', 'k8s/overlays/prod'])
      expect(manifests).toContain(dir);
    expect(manifests).toContain('npx vitest run tools/manifests');
  });
});

describe('docker/healthcheck.mjs', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/health/ready' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const check = async (args: string[], env: Record<string, string>): Promise<number | null> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(DOCKER_DIR, 'healthcheck.mjs'), ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: 'ignore',
      });
      child.on('exit', (code) => resolve(code));
    });

  it('exits 0 on a 2xx answer and 1 on anything else', async () => {
    expect(await check(['/health/ready'], { PORT: String(port) })).toBe(0);
    expect(await check(['/health/live'], { PORT: String(port) })).toBe(1);
    expect(await check(['/health/ready', 'METRICS_PORT'], { METRICS_PORT: String(port) })).toBe(0);
  });

  it('exits 1 when nothing listens or the port is unset', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await check(['/health/ready'], { PORT: String(unused) })).toBe(1);
    expect(await check(['/health/ready'], {})).toBe(1);
  });
});

describe('docker files parse as JavaScript', () => {
  it.each(['healthcheck.mjs'])('%s', (file) => {
    const result = spawnSync(process.execPath, ['--check', join(DOCKER_DIR, file)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
