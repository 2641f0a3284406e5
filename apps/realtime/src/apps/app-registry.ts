import { Pool } from 'pg';
import { KeyEncryption } from '@oversing/platform';
import { AppLookup, RealtimeApp } from '../protocol/realtime-app';

interface AppRow {
  id: string;
  key: string;
  secret_encrypted: string;
  allowed_origins: string[];
  allow_no_origin: boolean;
  max_connections: number | null;
  client_events_enabled: boolean;
  max_client_events_per_second: number;
  webhook_url: string | null;
  webhook_events: string[];
}

/** Associated data binding an encrypted app secret to its app (a secret copied to another row fails). */
export function realtimeSecretAad(appId: string): string {
  return `realtime_app:${appId}`;
}

/** Reads `realtime_apps` (owned by the API's database) and decrypts the secrets. */
export class RealtimeAppRepository {
  constructor(
    private readonly pool: Pool,
    private readonly encryption: KeyEncryption,
  ) {}

  async all(): Promise<RealtimeApp[]> {
    return this.select('');
  }

  async findOne(column: 'id' | 'key', value: string): Promise<RealtimeApp | undefined> {
    return (await this.select(`WHERE ${column} = $1`, [value]))[0];
  }

  private async select(where: string, values: string[] = []): Promise<RealtimeApp[]> {
    const { rows } = await this.pool.query<AppRow>(
      `SELECT id, key, secret_encrypted, allowed_origins, allow_no_origin, max_connections,
              client_events_enabled, max_client_events_per_second, webhook_url, webhook_events
         FROM realtime_apps ${where}`,
      values,
    );
    const apps: RealtimeApp[] = [];
    for (const row of rows) {
      try {
        const secret = (
          await this.encryption.decrypt(row.secret_encrypted, realtimeSecretAad(row.id))
        ).toString();
        apps.push({
          id: row.id,
          key: row.key,
          secret,
          allowedOrigins: row.allowed_origins,
          allowNoOrigin: row.allow_no_origin,
          maxConnections: row.max_connections,
          clientEventsEnabled: row.client_events_enabled,
          maxClientEventsPerSecond: row.max_client_events_per_second,
          webhookUrl: row.webhook_url,
          webhookEvents: row.webhook_events,
        });
      } catch {
        // A secret that does not decrypt (wrong KEY_ENCRYPTION_KEY) makes the app unusable, not the server.
      }
    }
    return apps;
  }
}

/**
 * The apps in memory, refreshed every `refreshSeconds`; an unknown key or id is looked up in the
 * database at once (and a miss remembered for a second), so new and changed apps apply without a restart.
 */
export class AppRegistry implements AppLookup {
  private byKeyMap = new Map<string, RealtimeApp>();
  private byIdMap = new Map<string, RealtimeApp>();
  private loading: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: RealtimeAppRepository,
    private readonly refreshSeconds: number,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), this.refreshSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const apps = await this.repository.all();
        this.byKeyMap = new Map(apps.map((app) => [app.key, app]));
        this.byIdMap = new Map(apps.map((app) => [app.id, app]));
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private readonly misses = new Map<string, number>();

  private async lookup(column: 'id' | 'key', value: string): Promise<RealtimeApp | undefined> {
    const missKey = `${column}:${value}`;
    const missedAt = this.misses.get(missKey);
    if (missedAt !== undefined && Date.now() - missedAt < 1000) return undefined;
    const app = await this.repository.findOne(column, value).catch(() => undefined);
    if (!app) {
      if (this.misses.size > 10_000) this.misses.clear();
      this.misses.set(missKey, Date.now());
      return undefined;
    }
    this.misses.delete(missKey);
    this.byKeyMap.set(app.key, app);
    this.byIdMap.set(app.id, app);
    return app;
  }

  async byKey(key: string): Promise<RealtimeApp | undefined> {
    return this.byKeyMap.get(key) ?? this.lookup('key', key);
  }

  async byId(id: string): Promise<RealtimeApp | undefined> {
    return this.byIdMap.get(id) ?? this.lookup('id', id);
  }
}
