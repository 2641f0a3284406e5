import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalKeyEncryption } from './key-encryption';

describe('LocalKeyEncryption', () => {
  const kek = new LocalKeyEncryption(randomBytes(32));

  it('round-trips and never stores the plaintext', async () => {
    const sealed = await kek.encrypt(Buffer.from('private key material'), 'oauth-key:k1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('private key material');
    expect((await kek.decrypt(sealed, 'oauth-key:k1')).toString()).toBe('private key material');
  });

  it('fails with the wrong associated data, a tampered ciphertext or another key', async () => {
    const sealed = await kek.encrypt(Buffer.from('secret'), 'totp:user-1');
    await expect(kek.decrypt(sealed, 'totp:user-2')).rejects.toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    await expect(kek.decrypt(parts.join('.'), 'totp:user-1')).rejects.toThrow();
    await expect(new LocalKeyEncryption(randomBytes(32)).decrypt(sealed, 'totp:user-1')).rejects.toThrow();
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new LocalKeyEncryption(randomBytes(16))).toThrow(/32 bytes/);
  });
});
