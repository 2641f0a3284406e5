import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets at rest (signing keys, TOTP secrets, per-subject data keys). The interface is what a
 * KMS or Vault transit backend offers (encrypt/decrypt with associated data), so one can replace this.
 */
export interface KeyEncryption {
  encrypt(plaintext: Buffer, associatedData: string): Promise<string>;
  decrypt(ciphertext: string, associatedData: string): Promise<Buffer>;
}

/** AES-256-GCM under a key-encryption key from config. Format: v1.<iv>.<tag>.<ciphertext> (base64url). */
export class LocalKeyEncryption implements KeyEncryption {
  constructor(private readonly kek: Buffer) {
    if (kek.length !== 32) throw new Error('The key-encryption key must be 32 bytes');
  }

  async encrypt(plaintext: Buffer, associatedData: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  async decrypt(ciphertext: string, associatedData: string): Promise<Buffer> {
    const [version, iv, tag, body] = ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.kek, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }
}

export const KEY_ENCRYPTION = Symbol('KEY_ENCRYPTION');
