import { Inject, Injectable } from '@nestjs/common';
import { exportJWK, generateKeyPair, JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { KEY_ENCRYPTION } from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';
import { UnitOfWork } from '@oversing/platform';
import { OAuthSigningKey } from './oauth.entities';

/** Access tokens are ES256; ID tokens keep oidc-provider's RS256 default. */
const ALGORITHMS = ['ES256', 'RS256'] as const;

/**
 * The authorization server's signing keys, private halves encrypted at rest. Active keys sign; retired
 * keys stay in the JWKS so tokens signed before a rotation still verify until they expire.
 */
@Injectable()
export class SigningKeysService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  /** Private JWKs, active first (the provider signs with the first key of an algorithm). */
  async privateJwks(): Promise<JWK[]> {
    await this.ensureActiveKeys();
    const keys = await this.uow.repositoryFor(OAuthSigningKey).find({ order: { createdAt: 'DESC' } });
    const ordered = [
      ...keys.filter((k) => k.status === 'active'),
      ...keys.filter((k) => k.status === 'retired'),
    ];
    return Promise.all(
      ordered.map(
        async (key) =>
          JSON.parse(
            (await this.encryption.decrypt(key.privateJwkEncrypted, `oauth-key:${key.kid}`)).toString(),
          ) as JWK,
      ),
    );
  }

  async ensureActiveKeys(): Promise<void> {
    for (const alg of ALGORITHMS) {
      const active = await this.uow
        .repositoryFor(OAuthSigningKey)
        .findOne({ where: { alg, status: 'active' } });
      if (!active) await this.createKey(alg);
    }
  }

  /** Retires the active keys and creates new ones. Processes pick the new keys up on restart. */
  async rotate(): Promise<{ active: string[]; retired: string[] }> {
    return this.uow.run(async () => {
      const repo = this.uow.repositoryFor(OAuthSigningKey);
      const previous = await repo.find({ where: { status: 'active' } });
      await repo.update({ status: 'active' }, { status: 'retired', retiredAt: new Date() });
      const created = [];
      for (const alg of ALGORITHMS) created.push(await this.createKey(alg));
      return { active: created, retired: previous.map((k) => k.kid) };
    });
  }

  private async createKey(alg: (typeof ALGORITHMS)[number]): Promise<string> {
    const { privateKey } = await generateKeyPair(alg, {
      extractable: true,
      ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
    });
    const kid = `${alg.toLowerCase()}-${randomBytes(8).toString('hex')}`;
    const jwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
    await this.uow.repositoryFor(OAuthSigningKey).insert({
      kid,
      alg,
      status: 'active',
      privateJwkEncrypted: await this.encryption.encrypt(
        Buffer.from(JSON.stringify(jwk)),
        `oauth-key:${kid}`,
      ),
    });
    return kid;
  }
}

/** The public half of a private JWK. */
export function publicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}
