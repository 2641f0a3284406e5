/** Where the PWA connects, as browsers see it: the API, the certification service, realtime. */
export interface ConnectTargets {
  apiUrl: string;
  certificationUrl?: string;
  realtime?: { host: string; port: number; scheme: 'ws' | 'wss' };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * The Content-Security-Policy of the PWA: scripts, styles, fonts, workers and the manifest only from its
 * own origin (no inline script, no eval), connections only to itself and the services it talks to
 * (realtime over ws/wss and, for pusher-js's HTTP fallbacks, http/https), images from itself and the
 * blob:/data: URLs it creates, no plugins, no framing, no <base> or form posts elsewhere. Inline style
 * attributes stay allowed (React's style props; the loading placeholder); they cannot run code.
 */
export function contentSecurityPolicy(targets: ConnectTargets): string {
  const connect = new Set(["'self'", originOf(targets.apiUrl)]);
  if (targets.certificationUrl) connect.add(originOf(targets.certificationUrl));
  if (targets.realtime) {
    const { host, port, scheme } = targets.realtime;
    const http = scheme === 'wss' ? 'https' : 'http';
    const defaultPort = scheme === 'wss' ? 443 : 80;
    const authority = port === defaultPort ? host : `${host}:${port}`;
    connect.add(`${scheme}://${authority}`);
    connect.add(`${http}://${authority}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
