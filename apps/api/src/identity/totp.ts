import { Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), accepting one step of clock drift. */
@Injectable()
export class Totp {
  generateSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  uri(secret: string, account: string): string {
    return this.totp(secret, account).toString();
  }

  verify(secret: string, token: string): boolean {
    if (!/^\d{6}$/.test(token)) return false;
    return this.totp(secret).validate({ token, window: 1 }) !== null;
  }

  /** For tests and the CLI: the current code. */
  generate(secret: string): string {
    return this.totp(secret).generate();
  }

  private totp(secret: string, label = 'user'): TOTP {
    return new TOTP({
      issuer: 'Oversing',
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: Secret.fromBase32(secret),
    });
  }
}
