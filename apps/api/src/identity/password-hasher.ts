import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { verify as verifyBcrypt } from '@node-rs/bcrypt';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** A bcrypt hash as the legacy (Laravel) Oversing stored them: `$2y$10$…` (also `$2a$` and `$2b$`). */
const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane). Accounts imported from
 * the legacy system keep their bcrypt hash until their first successful sign-in, which replaces it with
 * an argon2id hash (see needsRehash); bcrypt is only ever verified, never produced.
 */
@Injectable()
export class PasswordHasher {
  private readonly options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };
  /** A real hash of a random password, verified against when the user does not exist, to equalise timing. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(hashValue: string, password: string): Promise<boolean> {
    try {
      return BCRYPT.test(hashValue)
        ? await verifyBcrypt(password, hashValue)
        : await verify(hashValue, password);
    } catch {
      return false;
    }
  }

  /** True for a hash that is not ours (a legacy bcrypt hash): replace it once the password is known. */
  needsRehash(hashValue: string): boolean {
    return BCRYPT.test(hashValue);
  }

  /** Spends the same time as a real verification, so a missing account is not revealed by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(`no-such-user-${Math.random()}`);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
