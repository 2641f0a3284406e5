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

export interface KeyRotationRow {
  next_kid: string;
  previous_kid: string;
  purpose: 'certificate';
  statement: string;
}

/** signing_keys: append-only; the newest key of a purpose is the active one, older ones are retired. */
export class SigningKeysRepository {
  constructor(private readonly db: Queryable) {}

  async all(purpose: KeyPurpose, db: Queryable = this.db): Promise<SigningKeyRow[]> {
    const { rows } = await db.query<SigningKeyRow>(
      `SELECT * FROM signing_keys WHERE purpose = $1 ORDER BY created_at DESC, kid`,
      [purpose],
    );
    return rows;
  }

  /** Every key of every purpose, oldest first (the trust file's `keys`). */
  async everything(): Promise<Pick<SigningKeyRow, 'kid' | 'purpose' | 'created_at'>[]> {
    const { rows } = await this.db.query<SigningKeyRow>(
      'SELECT kid, purpose, created_at FROM signing_keys ORDER BY created_at, kid',
    );
    return rows;
  }

  /** Signed rotation statements (key_rotations), oldest first. */
  async rotations(): Promise<KeyRotationRow[]> {
    const { rows } = await this.db.query<KeyRotationRow>(
      'SELECT next_kid, previous_kid, purpose, statement FROM key_rotations ORDER BY created_at, next_kid',
    );
    return rows;
  }

  async insertRotation(row: KeyRotationRow, db: Queryable = this.db): Promise<void> {
    await db.query(
      'INSERT INTO key_rotations (next_kid, previous_kid, purpose, statement) VALUES ($1, $2, $3, $4)',
      [row.next_kid, row.previous_kid, row.purpose, row.statement],
    );
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
