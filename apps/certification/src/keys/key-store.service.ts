import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { KeyEncryption } from '@oversing/platform';
import {
  canonicalBytes,
  createNoteSigner,
  keyRotationPayload,
  parseCosignerVerifierKey,
  type TrustFile,
  generateNoteKeys,
  type NoteSigner,
  parseVerifierKey,
  type PublicJwk,
} from '@oversing/verifier';
import { AuditDatabase, Queryable } from '../infrastructure/audit-database';
import { KeyPurpose, SigningKeyRow, SigningKeysRepository } from './signing-keys.repository';
import { RemoteTimestampAuthority } from './remote-timestamp-authority';
import {
  generateTimestampAuthority,
  hasInvalidSerial,
  TimeStamper,
  TimestampAuthority,
} from './timestamp-authority';

export type CertificateAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

/** Loaded active certificate key. */
interface ActiveCertificateKey {
  kid: string;
  alg: CertificateAlgorithm;
  privateKey: CryptoKey | Uint8Array;
  publicJwk: PublicJwk;
}

const KEY_CREATION_LOCK = 7_340_002;

/**
 * Whether a stored key may stay the active one: a built-in TSA certificate with a negative or zero serial
 * number (made before serials were forced positive) is replaced by a new one; older tokens still verify
 * against the old certificate, which stays in the trust file.
 */
function usable(row: SigningKeyRow | undefined): boolean {
  if (!row) return false;
  return !(row.purpose === 'tsa' && row.certificate_pem && hasInvalidSerial(row.certificate_pem));
}

/**
 * The service's three kinds of keys, all stored encrypted under the key-encryption key in signing_keys:
 * certificate keys (JWS; RS256, ES256 or EdDSA; retired keys stay in the JWKS), the transparency log's
 * Ed25519 note key (separate from certificate keys) and the built-in time-stamp authority's key and
 * certificate. The newest key of each purpose is the active one; rotation appends a newer key.
 */
export class KeyStore {
  private certificateKey?: ActiveCertificateKey;
  private logSigner?: NoteSigner;
  private logVerifierKey?: string;
  private tsa?: TimestampAuthority;
  private tsaCertificatePem?: string;
  private readonly keys: SigningKeysRepository;

  constructor(
    private readonly db: AuditDatabase,
    private readonly encryption: KeyEncryption,
    private readonly options: {
      certificateAlgorithm: CertificateAlgorithm;
      logOrigin: string;
      /** An external RFC 3161 authority (TSA_URL) and its certificate (PEM) instead of the built-in one. */
      externalTsa?: { url: string; certificatePem: string };
      /** Witness submission prefixes (WITNESS_URLS), whose keys the trust file lists. */
      witnessUrls?: string[];
    },
  ) {
    this.keys = new SigningKeysRepository(db);
    if (options.externalTsa) this.externalTsa = new RemoteTimestampAuthority(options.externalTsa.url);
  }

  private readonly externalTsa?: TimeStamper;

  /** Creates the keys that do not exist yet, then loads the active ones. */
  async initialize(): Promise<void> {
    for (const purpose of ['certificate', 'log', 'tsa'] as const) {
      if (usable(await this.keys.active(purpose))) continue;
      await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_CREATION_LOCK]);
        if (!usable(await this.keys.active(purpose, tx))) await this.create(purpose, tx);
      });
    }
    await this.reload();
  }

  /** Reloads the active keys (picks up a `keys:rotate` done by another process). */
  async reload(): Promise<void> {
    const certificate = await this.keys.active('certificate');
    const log = await this.keys.active('log');
    const tsa = await this.keys.active('tsa');
    if (!certificate || !log || !tsa) throw new Error('signing keys are missing: initialize() first');
    if (this.certificateKey?.kid !== certificate.kid) {
      const alg = certificate.alg as CertificateAlgorithm;
      const privateJwk = JSON.parse((await this.decrypt(certificate)).toString('utf8')) as JWK;
      this.certificateKey = {
        kid: certificate.kid,
        alg,
        privateKey: await importJWK(privateJwk, alg),
        publicJwk: certificate.public_jwk as PublicJwk,
      };
    }
    if (!this.logSigner) {
      this.logSigner = await createNoteSigner((await this.decrypt(log)).toString('utf8'));
      this.logVerifierKey = String(log.public_jwk.verifier_key);
    }
    if (!this.tsa) {
      this.tsa = await TimestampAuthority.load(tsa.certificate_pem!, new Uint8Array(await this.decrypt(tsa)));
      this.tsaCertificatePem = tsa.certificate_pem!;
    }
  }

  /**
   * Appends a new certificate key; the previous one is retired but stays in the JWKS, and signs a
   * rotation statement endorsing the new one (libs/verifier key-rotation.ts) that goes into the trust file.
   */
  async rotateCertificateKey(alg: CertificateAlgorithm = this.options.certificateAlgorithm): Promise<string> {
    await this.reload();
    const kid = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_CREATION_LOCK]);
      const previous = this.requireCertificateKey();
      if ((await this.keys.active('certificate', tx))?.kid !== previous.kid) {
        throw new Error('the certificate key changed meanwhile: run keys:rotate again');
      }
      const next = await this.create('certificate', tx, alg);
      const nextKey = (await this.keys.all('certificate', tx)).find((r) => r.kid === next)!
        .public_jwk as PublicJwk;
      const payload = await keyRotationPayload(previous.kid, nextKey, new Date());
      const statement = await new CompactSign(canonicalBytes(payload))
        .setProtectedHeader({ alg: previous.alg, kid: previous.kid, typ: 'runcible-key-rotation+jws' })
        .sign(previous.privateKey);
      await this.keys.insertRotation(
        { next_kid: next, previous_kid: previous.kid, purpose: 'certificate', statement },
        tx,
      );
      return next;
    });
    await this.reload();
    return kid;
  }

  /** Signs canonical certificate bytes as a compact JWS with the active key. */
  async signCertificate(payload: Uint8Array): Promise<{ jws: string; kid: string }> {
    const key = this.requireCertificateKey();
    const jws = await new CompactSign(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'runcible-certificate+jws' })
      .sign(key.privateKey);
    return { jws, kid: key.kid };
  }

  activeCertificateKid(): string {
    return this.requireCertificateKey().kid;
  }

  /** Every certificate key, retired ones included (JWKS). */
  async certificateJwks(): Promise<{ keys: (PublicJwk & { status: string })[] }> {
    const rows = await this.keys.all('certificate');
    return {
      keys: rows.map((row, i) => ({
        ...(row.public_jwk as PublicJwk),
        status: i === 0 ? 'active' : 'retired',
      })),
    };
  }

  async publicKey(kid: string): Promise<PublicJwk | undefined> {
    const row = (await this.keys.all('certificate')).find((r) => r.kid === kid);
    return row?.public_jwk as PublicJwk | undefined;
  }

  get noteSigner(): NoteSigner {
    if (!this.logSigner) throw new Error('log key not loaded');
    return this.logSigner;
  }

  /** `<name>+<hex id>+<base64 key>`: what verifiers of checkpoints trust. */
  get logVerifier(): string {
    if (!this.logVerifierKey) throw new Error('log key not loaded');
    return this.logVerifierKey;
  }

  /** The authority that time-stamps certificates: the external one (TSA_URL) when set, else the built-in one. */
  get timestamper(): TimeStamper {
    if (this.externalTsa) return this.externalTsa;
    if (!this.tsa) throw new Error('TSA key not loaded');
    return this.tsa;
  }

  get tsaCertificate(): string {
    if (!this.tsaCertificatePem) throw new Error('TSA key not loaded');
    return this.tsaCertificatePem;
  }

  /**
   * The trust file for `npm run verify` and `audit:verify` (libs/verifier trustFileSchema): public keys,
   * TSA certificates, every key's id and creation time, and the signed rotation statements. Export it once
   * and keep it: verifiers trust it, never the database.
   */
  async trustFile(): Promise<TrustFile> {
    const tsaRows = await this.keys.all('tsa');
    return {
      log: { origin: this.options.logOrigin, verifier_key: this.logVerifier },
      keys: (await this.keys.everything()).map((k) => ({
        kid: k.kid,
        purpose: k.purpose,
        created_at: k.created_at.toISOString(),
      })),
      witnesses: await this.witnesses(),
      rotations: (await this.keys.rotations()).map((r) => ({
        purpose: r.purpose,
        previous: r.previous_kid,
        next: r.next_kid,
        statement: r.statement,
      })),
      certificate_keys: (await this.keys.all('certificate')).map((r) => r.public_jwk as PublicJwk),
      tsa_certificates: [
        ...(this.options.externalTsa ? [this.options.externalTsa.certificatePem] : []),
        ...tsaRows.map((r) => r.certificate_pem!).filter(Boolean),
      ],
    };
  }

  /** Each configured witness's cosigner key, fetched from `<url>/key` (a witness that does not answer is left out). */
  private async witnesses(): Promise<NonNullable<TrustFile['witnesses']>> {
    const found: NonNullable<TrustFile['witnesses']> = [];
    for (const url of this.options.witnessUrls ?? []) {
      try {
        const response = await fetch(`${url.replace(/\/$/, '')}/key`, { signal: AbortSignal.timeout(5000) });
        if (!response.ok) continue;
        const verifierKey = (await response.text()).trim();
        found.push({ name: parseCosignerVerifierKey(verifierKey).name, verifier_key: verifierKey, url });
      } catch {
        /* not reachable now: left out of this trust file */
      }
    }
    return found;
  }

  private async create(
    purpose: KeyPurpose,
    tx: Queryable,
    alg: CertificateAlgorithm = this.options.certificateAlgorithm,
  ): Promise<string> {
    if (purpose === 'certificate') {
      const pair = await generateKeyPair(alg, {
        extractable: true,
        ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
      });
      const publicJwk = await exportJWK(pair.publicKey);
      const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
      const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg };
      await this.keys.insert(
        {
          kid,
          purpose,
          alg,
          public_jwk: { ...publicJwk, kid, alg, use: 'sig' },
          private_key_encrypted: await this.encryption.encrypt(
            Buffer.from(JSON.stringify(privateJwk)),
            `signing_keys:${kid}`,
          ),
          certificate_pem: null,
        },
        tx,
      );
      return kid;
    }
    if (purpose === 'log') {
      const generated = await generateNoteKeys(this.options.logOrigin);
      const parsed = parseVerifierKey(generated.verifierKey);
      const kid = `log:${parsed.keyId.toString(16).padStart(8, '0')}:${randomUUID().slice(0, 8)}`;
      await this.keys.insert(
        {
          kid,
          purpose,
          alg: 'Ed25519',
          public_jwk: {
            kty: 'OKP',
            crv: 'Ed25519',
            x: Buffer.from(parsed.publicKey).toString('base64url'),
            verifier_key: generated.verifierKey,
          },
          private_key_encrypted: await this.encryption.encrypt(
            Buffer.from(generated.signerKey),
            `signing_keys:${kid}`,
          ),
          certificate_pem: null,
        },
        tx,
      );
      return kid;
    }
    const tsa = await generateTimestampAuthority('Runcible Time-Stamp Authority');
    const kid = `tsa:${randomUUID()}`;
    await this.keys.insert(
      {
        kid,
        purpose,
        alg: 'ES256',
        public_jwk: tsa.publicJwk as Record<string, unknown>,
        private_key_encrypted: await this.encryption.encrypt(
          Buffer.from(tsa.privateKeyPkcs8),
          `signing_keys:${kid}`,
        ),
        certificate_pem: tsa.certificatePem,
      },
      tx,
    );
    return kid;
  }

  private decrypt(row: SigningKeyRow): Promise<Buffer> {
    return this.encryption.decrypt(row.private_key_encrypted, `signing_keys:${row.kid}`);
  }

  private requireCertificateKey(): ActiveCertificateKey {
    if (!this.certificateKey) throw new Error('certificate key not loaded');
    return this.certificateKey;
  }
}
