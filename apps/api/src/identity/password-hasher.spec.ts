import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './password-hasher';

// PHP's documented password_verify example: password_hash('rasmuslerdorf', PASSWORD_BCRYPT) as Laravel stores it
const PHP_BCRYPT = '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('verifies legacy bcrypt hashes written by PHP ($2y$) and asks for a rehash', async () => {
    expect(await hasher.verify(PHP_BCRYPT, 'rasmuslerdorf')).toBe(true);
    expect(await hasher.verify(PHP_BCRYPT, 'rasmuslerdorF')).toBe(false);
    expect(hasher.needsRehash(PHP_BCRYPT)).toBe(true);
  });

  it('hashes with argon2id only, which needs no rehash', async () => {
    const hash = await hasher.hash('correct horse');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(await hasher.verify(hash, 'correct horse')).toBe(true);
  });

  it('treats malformed hashes as a failed verification, not an error', async () => {
    expect(await hasher.verify('$2y$10$short', 'x')).toBe(false);
    expect(await hasher.verify('', 'x')).toBe(false);
    expect(hasher.needsRehash('$2y$10$short')).toBe(false);
  });
});
