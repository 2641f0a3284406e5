import { AccountPagesController } from './account-pages.controller';
import { Module } from '@nestjs/common';
import { createLocalJWKSet } from 'jose';
import { DataSource } from 'typeorm';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier, RevocationList } from '@oversing/platform';
import { API_CONFIG, ApiConfig } from '../api.config';
import { AccessModule } from '../access/access.module';
import { PolicyService } from '../access/policy.service';
import { IdentityModule } from '../identity/identity.module';
import { IdentityLookup } from '../identity/user.repository';
import { InteractionController } from './interaction.controller';
import { DelegatedTokenIssuer } from './delegated-token-issuer';
import { JwtTokenEndpoints } from './jwt-token-endpoints';
import { OAuthClientRepository } from './oauth-client.repository';
import { OAuthClientsController } from './oauth-clients.controller';
import { createOidcProvider, OIDC_PROVIDER } from './oidc-provider.factory';
import { publicJwk, SigningKeysService } from './signing-keys.service';

const PRIVATE_JWKS = Symbol('PRIVATE_JWKS');

@Module({
  imports: [IdentityModule, AccessModule],
  controllers: [InteractionController, AccountPagesController, OAuthClientsController],
  providers: [
    OAuthClientRepository,
    SigningKeysService,
    {
      provide: PRIVATE_JWKS,
      inject: [SigningKeysService],
      useFactory: (keys: SigningKeysService) => keys.privateJwks(),
    },
    {
      provide: OIDC_PROVIDER,
      inject: [
        API_CONFIG,
        DataSource,
        OAuthClientRepository,
        IdentityLookup,
        PolicyService,
        RevocationList,
        PRIVATE_JWKS,
      ],
      useFactory: (
        config: ApiConfig,
        dataSource: DataSource,
        clients: OAuthClientRepository,
        identities: IdentityLookup,
        policy: PolicyService,
        revocation: RevocationList,
        privateJwks: Awaited<ReturnType<SigningKeysService['privateJwks']>>,
      ) => createOidcProvider({ config, dataSource, clients, identities, policy, revocation, privateJwks }),
    },
    {
      provide: JwtTokenEndpoints,
      inject: [API_CONFIG, OAuthClientRepository, RevocationList, PRIVATE_JWKS],
      useFactory: (
        config: ApiConfig,
        clients: OAuthClientRepository,
        revocation: RevocationList,
        jwks: Awaited<ReturnType<SigningKeysService['privateJwks']>>,
      ) =>
        new JwtTokenEndpoints({
          issuer: config.issuer,
          publicJwks: jwks.map(publicJwk),
          clients,
          revocation,
        }),
    },
    {
      // the API calling the certification service on its caller's behalf (token exchange)
      provide: DelegatedTokenIssuer,
      inject: [API_CONFIG, PRIVATE_JWKS],
      useFactory: (config: ApiConfig, jwks: Awaited<ReturnType<SigningKeysService['privateJwks']>>) =>
        new DelegatedTokenIssuer(jwks, {
          issuer: config.issuer,
          audience: config.CERTIFICATION_AUDIENCE,
          actor: config.API_AUDIENCE,
        }),
    },
    {
      provide: ACCESS_TOKEN_VERIFIER,
      inject: [API_CONFIG, RevocationList, PRIVATE_JWKS],
      useFactory: (
        config: ApiConfig,
        revocation: RevocationList,
        jwks: Awaited<ReturnType<SigningKeysService['privateJwks']>>,
      ) =>
        new AccessTokenVerifier({
          issuer: config.issuer,
          audience: config.API_AUDIENCE,
          keys: createLocalJWKSet({ keys: jwks.map(publicJwk) }),
          revocation,
        }),
    },
  ],
  exports: [
    OIDC_PROVIDER,
    JwtTokenEndpoints,
    ACCESS_TOKEN_VERIFIER,
    OAuthClientRepository,
    SigningKeysService,
    DelegatedTokenIssuer,
  ],
})
export class OAuthModule {}
