// Container health check shared by every image (Docker HEALTHCHECK and docker/compose.yaml).
//   node docker/healthcheck.mjs [path=/health/live] [port variable=PORT]
// GETs http://127.0.0.1:<port><path> (https when the process serves TLS itself, i.e. TLS_CERT_FILE and
// TLS_KEY_FILE are set and the port is the main PORT) and exits 0 on a 2xx answer, 1 otherwise.
// Node's own http client is used because the slim base image ships neither curl nor wget.
import http from 'node:http';
import https from 'node:https';

const path = process.argv[2] ?? '/health/live';
const portVariable = process.argv[3] ?? 'PORT';
const port = Number(process.env[portVariable]);
const tls = portVariable === 'PORT' && Boolean(process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE);

if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(
    `healthcheck: ${portVariable} is not a valid port (${String(process.env[portVariable])})\n`,
  );
  process.exit(1);
}

const client = tls ? https : http;
// The certificate is issued for the public host name, not 127.0.0.1; this probe only asks "are you up".
const request = client.get(
  { host: '127.0.0.1', port, path, timeout: 4000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
    if (!ok) process.stderr.write(`healthcheck: ${path} answered ${String(response.statusCode)}\n`);
    process.exit(ok ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out after 4 s')));
request.on('error', (error) => {
  process.stderr.write(`healthcheck: ${path} on port ${port}: ${error.message}\n`);
  process.exit(1);
});
