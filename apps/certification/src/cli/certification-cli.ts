import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { Client } from 'pg';
import { parseTrustFile, type TrustFile } from '@oversing/verifier';
import { z } from 'zod';
import { env, isUuid, LocalKeyEncryption, parseConfig, runInTenant } from '@oversing/platform';
import {
  CertificationConfig,
  certificationConfigSchema,
  resolveCertificationConfig,
} from '../certification.config';
import { AuditDatabase } from '../infrastructure/audit-database';
import { CertificateAlgorithm, KeyStore } from '../keys/key-store.service';
import { verifyAuditLog } from '../log/audit-verifier';
import { TransparencyLog } from '../log/transparency-log.service';
import { WitnessClient } from '../log/witness-client';
import { DEMO_POLICY, sameAsDemoPolicy } from '../policy/demo-policy';
import { PoliciesService } from '../policy/policies.service';

type CliArgs = Record<string, string | boolean>;

const ALGORITHMS: CertificateAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

function loadConfig(): CertificationConfig {
  return resolveCertificationConfig(
    parseConfig(certificationConfigSchema, { ...process.env, LOG_LEVEL: 'silent' }),
  );
}

async function withDatabase<T>(
  fn: (db: AuditDatabase, config: CertificationConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const db = new AuditDatabase({
    url: config.AUDIT_DATABASE_URL,
    role: config.AUDIT_DATABASE_ROLE,
    poolSize: 2,
    applicationName: 'runcible-cli',
  });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/**
 * The id of the tenant with the given slug, read (one SELECT) from the primary database of the API
 * (DATABASE_URL): the certification service keeps no tenant table of its own.
 */
async function tenantIdBySlug(slug: string): Promise<string> {
  const url = parseConfig(
    z.object({ DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/oversing') }),
    process.env,
  ).DATABASE_URL;
  const pg = new Client({
    connectionString: url,
    application_name: 'runcible-cli',
    connectionTimeoutMillis: 5000,
  });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
    if (!rows[0])
      throw new Error(`no tenant "${slug}" in DATABASE_URL: run seed:demo first, or pass --tenant-id`);
    return rows[0].id;
  } finally {
    await pg.end();
  }
}

async function withKeys<T>(
  fn: (db: AuditDatabase, keys: KeyStore, config: CertificationConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const db = new AuditDatabase({
    url: config.AUDIT_DATABASE_URL,
    role: config.AUDIT_DATABASE_ROLE,
    poolSize: 2,
    applicationName: 'runcible-cli',
  });
  try {
    const keys = new KeyStore(db, new LocalKeyEncryption(config.keyEncryptionKey), {
      certificateAlgorithm: config.CERTIFICATE_ALGORITHM,
      logOrigin: config.LOG_ORIGIN,
      externalTsa: config.externalTsa,
      witnessUrls: config.WITNESS_URLS,
    });
    await keys.initialize();
    return await fn(db, keys, config);
  } finally {
    await db.close();
  }
}

/**
 * The trust file of `audit:verify`: `--trust FILE` or AUDIT_TRUST_FILE. There is no fallback to keys in the
 * database: those are what is being checked.
 */
async function readTrustFile(args: CliArgs): Promise<TrustFile> {
  const path = typeof args.trust === 'string' ? args.trust : process.env.AUDIT_TRUST_FILE;
  if (!path) {
    throw new Error(
      'a trust file is required (--trust FILE or AUDIT_TRUST_FILE; make it with trust:export and keep it outside the audit database)',
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the trust file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseTrustFile(JSON.parse(text));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** Thrown for a failed verification: the CLI prints it and exits 1. */
export class AuditVerificationFailed extends Error {}

/** Operator commands of the certification service (registered in tools/cli.ts). */
export const certificationCommands: Record<string, (args: CliArgs) => Promise<unknown>> = {
  /**
   * Appends a new certificate signing key, endorsed by the previous one in a signed rotation statement;
   * retired keys stay in the JWKS. Writes the new trust file to `--out FILE` (and prints it). Running
   * services pick the key up within a checkpoint interval.
   */
  'keys:rotate': (args) =>
    withKeys(async (_db, keys, config) => {
      const alg = typeof args.alg === 'string' ? args.alg : config.CERTIFICATE_ALGORITHM;
      if (!ALGORITHMS.includes(alg as CertificateAlgorithm)) {
        throw new Error(`--alg must be one of ${ALGORITHMS.join(', ')}`);
      }
      const previous = keys.activeCertificateKid();
      const kid = await keys.rotateCertificateKey(alg as CertificateAlgorithm);
      const trust = await keys.trustFile();
      if (typeof args.out === 'string') await writeFile(args.out, `${JSON.stringify(trust, null, 2)}\n`);
      return { kid, alg, retired: previous, trust };
    }),

  /** Recomputes the log from the database and checks every signed checkpoint; exits 1 naming the first bad entry. */
  'audit:verify': async (args) => {
    const trust = await readTrustFile(args);
    return withDatabase(async (db) => {
      const result = await verifyAuditLog(db, trust);
      if (!result.ok)
        throw new AuditVerificationFailed(`${result.problem} (${result.leaves} leaves verified before it)`);
      return result;
    });
  },

  /** Signs a checkpoint of the current log now (the service does this every CHECKPOINT_INTERVAL_SECONDS). */
  'log:checkpoint': () =>
    withKeys(async (db, keys, config) => {
      const log = new TransparencyLog(
        db,
        keys,
        config.LOG_ORIGIN,
        new WitnessClient(db, config.WITNESS_URLS),
      );
      const checkpoint = await log.checkpoint();
      return { size: checkpoint.size, checkpoint: checkpoint.note };
    }),

  /**
   * Creates the demo governance policy (apps/certification/src/policy/demo-policy.ts) for the tenant
   * `--tenant-id`, or for the tenant `--tenant` (slug, default `demo`) looked up in DATABASE_URL.
   * Idempotent: when the latest version already says the same, nothing is appended.
   */
  'seed:demo-policy': async (args) => {
    let tenantId: string;
    if (typeof args['tenant-id'] === 'string') {
      if (!isUuid(args['tenant-id'])) throw new Error('--tenant-id must be a uuid');
      tenantId = args['tenant-id'];
    } else {
      tenantId = await tenantIdBySlug(typeof args.tenant === 'string' ? args.tenant : 'demo');
    }
    return withDatabase((db) =>
      runInTenant(tenantId, async () => {
        const policies = new PoliciesService(db);
        const latest = (await policies.list()).find((p) => p.key === DEMO_POLICY.key);
        if (latest && sameAsDemoPolicy(latest)) {
          return {
            tenant_id: tenantId,
            key: latest.key,
            version: latest.version,
            hash: latest.hash,
            created: false,
          };
        }
        const saved = await policies.save(DEMO_POLICY);
        return {
          tenant_id: tenantId,
          key: saved.key,
          version: saved.version,
          hash: saved.hash,
          created: true,
        };
      }),
    );
  },

  /**
   * Prints the trust file for `npm run verify -- bundle.json --trust trust.json` and
   * `audit:verify --trust trust.json` (and writes it to `--out FILE`). Export it once, keep it apart from
   * the database, and refresh it after each `keys:rotate`.
   */
  'trust:export': (args) =>
    withKeys(async (_db, keys) => {
      const trust = await keys.trustFile();
      if (typeof args.out === 'string') await writeFile(args.out, `${JSON.stringify(trust, null, 2)}\n`);
      return trust;
    }),
};
