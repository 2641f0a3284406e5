import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/** Where a legacy database lives: `mysql://user[:password]@host[:port]/database`. */
export interface LegacyLocation {
  url: URL;
  database: string;
}

export function parseLegacyUrl(text: string): LegacyLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--from/--to must be a mysql:// URL, not "${text}"`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:')
    throw new Error(`the legacy database URL must start with mysql://, not ${url.protocol}//`);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database))
    throw new Error('the legacy database URL must name a database (letters, digits and _)');
  return { url, database };
}

/** The URL without its password, for reports and the import-run record. */
export function redactedUrl(location: LegacyLocation): string {
  const copy = new URL(location.url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/**
 * A connection that reads values exactly as stored: every column as text (ids, DECIMALs, DATE, DATETIME
 * and TIMESTAMP alike), TIMESTAMPs in UTC (the session time zone), utf8mb4 throughout.
 */
export async function connectLegacy(location: LegacyLocation, withDatabase = true): Promise<Connection> {
  const connection = await createConnection({
    host: location.url.hostname,
    port: location.url.port ? Number(location.url.port) : 3306,
    user: decodeURIComponent(location.url.username || 'root'),
    password: decodeURIComponent(location.url.password),
    database: withDatabase ? location.database : undefined,
    charset: 'utf8mb4_unicode_ci',
    dateStrings: true,
    decimalNumbers: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    timezone: 'Z',
    multipleStatements: false,
    // every value as the text MySQL sends (ids, counts and amounts compared and keyed as strings)
    typeCast: (field) => field.string(),
  });
  await connection.query(`SET time_zone = '+00:00'`);
  return connection;
}

export async function queryRows<T>(
  connection: Connection,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const [rows] = await connection.query<RowDataPacket[]>(sql, params);
  return rows as unknown as T[];
}
