import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { KeyEncryption, RequestContext } from '@oversing/platform';
import { AuditDatabase, Queryable } from '../infrastructure/audit-database';

/** Personal data of an audit event, sealed under its data subject's key (stored in the event's metadata). */
export interface SealedPersonalData {
  subject_id: string;
  key_id: string;
  alg: 'A256GCM';
  /** base64url of iv (12 bytes) || ciphertext || tag (16 bytes) */
  sealed: string;
}

export interface SubjectKey {
  keyId: string;
  key: Buffer;
}

const wrapContext = (tenantId: string, subjectId: string, keyId: string): string =>
  `runcible-subject-key:${tenantId}:${subjectId}:${keyId}`;

/**
 * AES-256-GCM with the event id (or output version id) as associated data, so a sealed payload cannot be
 * moved to another row.
 */
export function sealPersonalData(
  key: SubjectKey,
  subjectId: string,
  eventId: string,
  data: unknown,
): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(eventId));
  const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return {
    subject_id: subjectId,
    key_id: key.keyId,
    alg: 'A256GCM',
    sealed: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url'),
  };
}

export function openPersonalData(key: Buffer, eventId: string, sealed: SealedPersonalData): unknown {
  const raw = Buffer.from(sealed.sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(eventId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

export function isSealedPersonalData(value: unknown): value is SealedPersonalData {
  const v = value as Partial<SealedPersonalData> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.key_id === 'string' &&
    typeof v.subject_id === 'string' &&
    typeof v.sealed === 'string'
  );
}

/** The subject whose key seals the content of a certification that names no data subject. */
export function certificationSubject(certificationId: string): string {
  return `certification:${certificationId}`;
}

/**
 * Per-data-subject keys (crypto-shredding). A subject's data key is random, stored wrapped under the
 * key-encryption key in `subject_keys`; erasing the subject (SubjectErasure) runs `erase_subject_key`, which
 * appends an erasure record and deletes the wrapped key, after which every payload sealed under it is unreadable
 * by anyone, while the sealed bytes (what the log leaves hash) stay exactly as they were.
 */
export class SubjectKeys {
  constructor(
    private readonly db: AuditDatabase,
    private readonly encryption: KeyEncryption,
  ) {}

  /** The current key of each subject of the tenant, creating the missing ones in `tx`. */
  async keysFor(tx: Queryable, tenantId: string, subjects: string[]): Promise<Map<string, SubjectKey>> {
    const unique = [...new Set(subjects)];
    const result = new Map<string, SubjectKey>();
    if (unique.length === 0) return result;
    const fresh = await Promise.all(
      unique.map(async (subject) => {
        const keyId = randomUUID();
        const key = randomBytes(32);
        return {
          subject,
          keyId,
          key,
          wrapped: await this.encryption.encrypt(key, wrapContext(tenantId, subject, keyId)),
        };
      }),
    );
    await tx.query(
      `INSERT INTO subject_keys (key_id, tenant_id, subject_id, wrapped_key)
       SELECT k, $2, s, w FROM unnest($1::uuid[], $3::text[], $4::text[]) AS t(k, s, w)
       ON CONFLICT (tenant_id, subject_id) DO NOTHING`,
      [fresh.map((f) => f.keyId), tenantId, fresh.map((f) => f.subject), fresh.map((f) => f.wrapped)],
    );
    const { rows } = await tx.query<{ key_id: string; subject_id: string; wrapped_key: string }>(
      'SELECT key_id, subject_id, wrapped_key FROM subject_keys WHERE tenant_id = $1 AND subject_id = ANY($2)',
      [tenantId, unique],
    );
    for (const row of rows) {
      const mine = fresh.find((f) => f.keyId === row.key_id);
      const key =
        mine?.key ??
        (await this.encryption.decrypt(row.wrapped_key, wrapContext(tenantId, row.subject_id, row.key_id)));
      result.set(row.subject_id, { keyId: row.key_id, key });
    }
    return result;
  }

  /** Keys still held for the given key ids of the request's tenant (erased ones are absent). */
  async keysById(keyIds: string[], db: Queryable = this.db): Promise<Map<string, Buffer>> {
    const result = new Map<string, Buffer>();
    if (keyIds.length === 0) return result;
    const tenantId = RequestContext.tenantId();
    const { rows } = await db.query<{ key_id: string; subject_id: string; wrapped_key: string }>(
      'SELECT key_id, subject_id, wrapped_key FROM subject_keys WHERE tenant_id = $1 AND key_id = ANY($2)',
      [tenantId, [...new Set(keyIds)]],
    );
    for (const row of rows) {
      result.set(
        row.key_id,
        await this.encryption.decrypt(row.wrapped_key, wrapContext(tenantId, row.subject_id, row.key_id)),
      );
    }
    return result;
  }
}
