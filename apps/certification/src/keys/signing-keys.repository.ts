import { Queryable } from '../infrastructure/audit-database';

export type KeyPurpose = 'certificate' | 'log' | 'tsa';

export interface SigningKeyRow {
  kid: string;
  purpose: KeyPurpose;
  alg: string;
  public_jwk: Record<string, unknown>;
  private_key_encrypted: string;
  certificate_pem: string | null;
  created_at: Date;
}

/** signing_keys: append-only; the newest key of a purpose is the active one, older ones are retired. */
export class SigningKeysRepository {
  constructor(private readonly db: Queryable) {}

  async all(purpose: KeyPurpose): Promise<SigningKeyRow[]> {
    const { rows } = await this.db.query<SigningKeyRow>(
      `SELECT * FROM signing_keys WHERE purpose = $1 ORDER BY created_at DESC, kid`,
      [purpose],
    );
    return rows;
  }

  async active(purpose: KeyPurpose, db: Queryable = this.db): Promise<SigningKeyRow | undefined> {
    const { rows } = await db.query<SigningKeyRow>(
      `SELECT * FROM signing_keys WHERE purpose = $1 ORDER BY created_at DESC, kid LIMIT 1`,
      [purpose],
    );
    return rows[0];
  }

  async insert(row: Omit<SigningKeyRow, 'created_at'>, db: Queryable = this.db): Promise<void> {
    await db.query(
      `INSERT INTO signing_keys (kid, purpose, alg, public_jwk, private_key_encrypted, certificate_pem, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())`,
      [
        row.kid,
        row.purpose,
        row.alg,
        JSON.stringify(row.public_jwk),
        row.private_key_encrypted,
        row.certificate_pem,
      ],
    );
  }
}
