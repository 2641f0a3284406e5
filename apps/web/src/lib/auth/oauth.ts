import * as oauth from 'oauth4webapi';
import type { RuntimeConfig } from '@/lib/runtime-config';
import { dpopKeyPair } from '@/lib/auth/session-store';

/**
 * The OAuth 2.0 authorization code + S256 PKCE flow of the public client `oversing-web`, done by
 * oauth4webapi (discovery, PKCE, state, token responses, ID token claims). Every token request carries a
 * DPoP proof (RFC 9449) of the installation's key, so the authorization server binds the refresh token and
 * the access tokens to that key. Plain http is allowed only for a localhost issuer (development and tests).
 */
export const SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'tasks:read',
  'tasks:write',
  'programs:read',
  'programs:write',
  'workflows:read',
  'workflows:write',
  'work-logs:read',
  'work-logs:write',
  'financial:read',
  'financial:write',
  'certifications:read',
  'certifications:write',
  'audit:read',
  'users:read',
  'users:write',
].join(' ');

const PENDING_KEY = 'oversing.auth.pending';

export interface OAuthContext {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  options: { [oauth.allowInsecureRequests]?: boolean };
}

function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

let discovered: Promise<OAuthContext> | undefined;

export function oauthContext(config: RuntimeConfig): Promise<OAuthContext> {
  discovered ??= (async () => {
    const issuer = new URL(config.oauth.issuer);
    const options = insecureAllowed(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oidc' }),
    );
    return { as, client: { client_id: config.oauth.client_id }, options };
  })().catch((error: unknown) => {
    discovered = undefined;
    throw error;
  });
  return discovered;
}

async function dpop(client: oauth.Client): Promise<oauth.DPoPHandle> {
  return oauth.DPoP(client, await dpopKeyPair());
}

export function redirectUri(): string {
  return `${window.location.origin}/auth/callback`;
}

/** Builds the authorization request and remembers the verifier, state and where to return. */
export async function beginSignIn(config: RuntimeConfig, returnTo: string): Promise<string> {
  const { as } = await oauthContext(config);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state, nonce, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.oauth.client_id);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', SCOPES);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  // one grant for both resource servers: refreshes then mint a token per audience (RFC 8707)
  url.searchParams.append('resource', config.oauth.api_audience);
  url.searchParams.append('resource', config.oauth.certification_audience);
  return url.href;
}

export interface CallbackResult {
  tokens: oauth.TokenEndpointResponse;
  returnTo: string;
}

/** Validates the callback (state, iss), redeems the code with the PKCE verifier. */
export async function completeSignIn(config: RuntimeConfig, currentUrl: URL): Promise<CallbackResult> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  if (!raw) throw new Error('This sign-in link has expired. Please sign in again.');
  sessionStorage.removeItem(PENDING_KEY);
  const pending = JSON.parse(raw) as { codeVerifier: string; state: string; nonce: string; returnTo: string };
  const { as, client, options } = await oauthContext(config);
  const params = oauth.validateAuthResponse(as, client, currentUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.codeVerifier,
    {
      ...options,
      DPoP: await dpop(client),
      additionalParameters: { resource: config.oauth.api_audience },
    },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  return { tokens, returnTo: pending.returnTo.startsWith('/') ? pending.returnTo : '/' };
}

/** A refresh_token grant, optionally for another resource (the certification service's audience). */
export async function refreshTokens(
  config: RuntimeConfig,
  refreshToken: string,
  resource: string,
): Promise<oauth.TokenEndpointResponse> {
  const { as, client, options } = await oauthContext(config);
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshToken, {
    ...options,
    DPoP: await dpop(client),
    additionalParameters: { resource },
  });
  return oauth.processRefreshTokenResponse(as, client, response);
}

export async function revokeRefreshToken(config: RuntimeConfig, refreshToken: string): Promise<void> {
  const { as, client, options } = await oauthContext(config);
  const response = await oauth.revocationRequest(as, client, oauth.None(), refreshToken, {
    ...options,
    additionalParameters: { token_type_hint: 'refresh_token' },
  });
  await oauth.processRevocationResponse(response);
}

export async function endSessionUrl(config: RuntimeConfig, idToken: string | undefined): Promise<string> {
  const { as } = await oauthContext(config);
  const url = new URL(as.end_session_endpoint ?? `${config.oauth.issuer}/oauth/session/end`);
  url.searchParams.set('client_id', config.oauth.client_id);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/`);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  return url.href;
}

export { getValidatedIdTokenClaims } from 'oauth4webapi';
