/** A tenant of the realtime server: a Pusher "app" with its credentials and limits. */
export interface RealtimeApp {
  id: string;
  key: string;
  secret: string;
  /** exact origins or patterns with `*` wildcards, e.g. `https://*.example.com` */
  allowedOrigins: string[];
  /** whether a connection without an Origin header (servers, mobile apps) is accepted */
  allowNoOrigin: boolean;
  /** connections per node; null for no limit */
  maxConnections: number | null;
  clientEventsEnabled: boolean;
  maxClientEventsPerSecond: number;
  webhookUrl: string | null;
  webhookEvents: string[];
}

/** Finds apps by key (WebSocket path) or id (HTTP API path). */
export interface AppLookup {
  byKey(key: string): Promise<RealtimeApp | undefined>;
  byId(id: string): Promise<RealtimeApp | undefined>;
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Checks the Origin header of an upgrade against the app's allowlist (`*` alone allows every origin). */
export function isOriginAllowed(app: RealtimeApp, origin: string | undefined): boolean {
  if (!origin) return app.allowNoOrigin;
  return app.allowedOrigins.some((pattern) => pattern === '*' || patternToRegExp(pattern).test(origin));
}
