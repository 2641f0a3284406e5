import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane). */
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
      return await verify(hashValue, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real verification, so a missing account is not revealed by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(`no-such-user-${Math.random()}`);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
