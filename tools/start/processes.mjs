// The processes `npm start` runs, each with only the variables meant for it: one shared environment
// (databases, Redis, public URLs derived from the ports) plus its own port. No process sees another's PORT.

/** Ports from API_PORT, CERTIFICATION_PORT, REALTIME_PORT, WEB_PORT, METRICS_PORT, MAILDEV_*_PORT. */
export function portsFrom(env) {
  const port = (name, fallback) => Number(env[name] ?? fallback);
  return {
    api: port('API_PORT', env.PORT ?? 3000),
    certification: port('CERTIFICATION_PORT', 3100),
    realtime: port('REALTIME_PORT', 6001),
    web: port('WEB_PORT', 4173),
    workerMetrics: port('METRICS_PORT', 9464),
    smtp: port('MAILDEV_SMTP_PORT', 1025),
    mailbox: port('MAILDEV_WEB_PORT', 1080),
  };
}

/** The environment every process shares: the caller's, minus per-process ports, plus derived URLs. */
export function sharedEnvironment(callerEnv, ports, { production }) {
  const env = { ...callerEnv };
  for (const name of ['PORT', 'API_PORT', 'CERTIFICATION_PORT', 'REALTIME_PORT', 'WEB_PORT', 'METRICS_PORT'])
    delete env[name];
  env.NODE_ENV ??= 'development';
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/oversing';
  env.AUDIT_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/runcible_audit';
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  env.LOG_LEVEL ??= 'info';
  // where each service is, as browsers see it and as the other services reach it
  env.PUBLIC_API_URL ??= `http://localhost:${ports.api}`;
  env.OAUTH_ISSUER ??= env.PUBLIC_API_URL;
  env.OAUTH_TOKEN_URL ??= `${env.OAUTH_ISSUER}/oauth/token`;
  env.PUBLIC_CERTIFICATION_URL ??= `http://localhost:${ports.certification}`;
  env.CERTIFICATION_URL ??= `http://127.0.0.1:${ports.certification}`;
  env.PUBLIC_REALTIME_HOST ??= 'localhost';
  env.PUBLIC_REALTIME_PORT ??= String(ports.realtime);
  env.REALTIME_URL ??= `http://127.0.0.1:${ports.realtime}`;
  env.PUBLIC_WEB_URL ??= `http://localhost:${ports.web}`;
  if (!production) {
    // the demo realtime app the seed creates; production must bring its own (the services refuse the demo secret)
    env.REALTIME_APP_ID ??= 'oversing';
    env.REALTIME_APP_KEY ??= 'oversing-demo-key';
    env.REALTIME_APP_SECRET ??= 'oversing-demo-secret';
    env.SMTP_URL ??= `smtp://127.0.0.1:${ports.smtp}`;
  }
  return env;
}

/**
 * The process table. `node` is the project's Node.js (node_modules/.bin/node when installed). Each entry:
 * name, command, args, env, health (URL that answers 2xx once ready) and the line the banner prints.
 */
export function processTable({ node, env, ports, production, has }) {
  const server = (name, entry, own, health, url) => ({
    name,
    command: node,
    args: ['--enable-source-maps', entry],
    env: { ...env, ...own },
    health,
    url,
  });
  const table = [
    server(
      'api',
      'dist/apps/api/src/main.js',
      { PORT: String(ports.api) },
      `http://127.0.0.1:${ports.api}/health/ready`,
      `${env.PUBLIC_API_URL}  (OpenAPI docs: ${env.PUBLIC_API_URL}/api/docs)`,
    ),
    server(
      'certification',
      'dist/apps/certification/src/main.js',
      // the API is the log's first witness: each new checkpoint is cosigned there (docs/VERIFYING.md)
      { PORT: String(ports.certification), WITNESS_URLS: `http://127.0.0.1:${ports.api}/api/v1/witness` },
      `http://127.0.0.1:${ports.certification}/health/ready`,
      env.PUBLIC_CERTIFICATION_URL,
    ),
    server(
      'realtime',
      'dist/apps/realtime/src/main.js',
      { PORT: String(ports.realtime) },
      `http://127.0.0.1:${ports.realtime}/health/ready`,
      `ws://${env.PUBLIC_REALTIME_HOST}:${ports.realtime}/app/${env.REALTIME_APP_KEY ?? '<key>'}`,
    ),
    server(
      'worker',
      'dist/apps/worker/src/main.js',
      { METRICS_PORT: String(ports.workerMetrics) },
      `http://127.0.0.1:${ports.workerMetrics}/health/ready`,
      `queue processors (metrics: http://localhost:${ports.workerMetrics}/metrics)`,
    ),
    server(
      'web',
      'dist/apps/web-server/src/main.js',
      { WEB_PORT: String(ports.web) },
      `http://127.0.0.1:${ports.web}/health/live`,
      env.PUBLIC_WEB_URL,
    ),
  ].filter((p) => has(p.args[1]));
  if (!production && has('node_modules/maildev/package.json')) {
    table.push({
      name: 'mailbox',
      command: node,
      args: [
        'node_modules/maildev/bin/maildev',
        '--smtp',
        String(ports.smtp),
        '--ip',
        '127.0.0.1',
        '--web',
        String(ports.mailbox),
        '--web-ip',
        '127.0.0.1',
      ],
      env,
      health: `http://127.0.0.1:${ports.mailbox}/email`,
      url: `http://localhost:${ports.mailbox}  (development mailbox; SMTP on 127.0.0.1:${ports.smtp})`,
    });
  }
  return table;
}
