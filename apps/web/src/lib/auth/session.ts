import * as oauth from 'oauth4webapi';
import { useAuthStore, type SessionUser } from '@/lib/auth/auth-store';
import {
  endSessionUrl,
  getValidatedIdTokenClaims,
  refreshTokens,
  revokeRefreshToken,
} from '@/lib/auth/oauth';
import type { RuntimeConfig } from '@/lib/runtime-config';
import { dpopProof } from '@/lib/auth/dpop';
import {
  dpopKeyPair,
  forgetDpopKey,
  readSession,
  withRefreshLock,
  writeSession,
} from '@/lib/auth/session-store';

/**
 * Token custody, per the OAuth 2.0 for Browser-Based Apps BCP (docs/SECURITY.md): the rotating refresh
 * token, the ID token and the user's claims live in IndexedDB (lib/auth/session-store.ts), so closing the
 * app does not end the session; the refresh token and every access token are bound with DPoP to a
 * non-extractable key kept there too. Access tokens live only in memory (one per audience). All pages of
 * the origin share the refresh token, so every refresh runs under a cross-page lock and redeems the latest.
 */
const EARLY_REFRESH_MS = 60_000;

interface AccessToken {
  value: string;
  expiresAt: number;
}

let config: RuntimeConfig | undefined;
const accessTokens = new Map<string, AccessToken>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function userFrom(tokens: oauth.TokenEndpointResponse, previous?: SessionUser): SessionUser {
  const claims = getValidatedIdTokenClaims(tokens);
  if (!claims) {
    if (previous) return previous;
    throw new Error('The authorization server returned no ID token.');
  }
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : previous?.email,
    name: typeof claims.name === 'string' ? claims.name : previous?.name,
    tenantId: typeof claims.tenant_id === 'string' ? claims.tenant_id : previous?.tenantId,
  };
}

function keep(audience: string, tokens: oauth.TokenEndpointResponse): void {
  const lifetime = (tokens.expires_in ?? 600) * 1000;
  accessTokens.set(audience, { value: tokens.access_token, expiresAt: Date.now() + lifetime });
  if (config && audience === config.oauth.api_audience) scheduleRefresh(lifetime);
}

/** Silent refresh of the API token one minute before it expires. */
function scheduleRefresh(lifetimeMs: number): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(
    () => {
      if (config) void refresh(config.oauth.api_audience).catch(() => undefined);
    },
    Math.max(5_000, lifetimeMs - EARLY_REFRESH_MS),
  );
}

function refresh(audience: string): Promise<string> {
  return withRefreshLock(async () => {
    if (!config) throw new Error('The app is not configured yet.');
    const cached = accessTokens.get(audience);
    if (cached && cached.expiresAt - Date.now() > EARLY_REFRESH_MS) return cached.value;
    // read inside the lock: another page may have rotated the refresh token a moment ago
    const stored = await readSession();
    if (!stored) throw new SignedOutError();
    try {
      const tokens = await refreshTokens(config, stored.refreshToken, audience);
      await writeSession({
        ...stored,
        refreshToken: tokens.refresh_token ?? stored.refreshToken,
        idToken: tokens.id_token ?? stored.idToken,
      });
      keep(audience, tokens);
      return tokens.access_token;
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') {
        // expired, revoked or replayed: the session is over (other refusals, e.g. invalid_target for
        // one audience, leave the session alone)
        await clearLocal();
        useAuthStore.getState().set('signed-out', null);
        throw new SignedOutError();
      }
      throw error;
    }
  });
}

async function clearLocal(): Promise<void> {
  accessTokens.clear();
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
  await writeSession(null);
  await forgetDpopKey();
}

export class SignedOutError extends Error {
  constructor() {
    super('You are signed out. Please sign in again.');
    this.name = 'SignedOutError';
  }
}

export function configureSession(runtimeConfig: RuntimeConfig): void {
  config = runtimeConfig;
}

/** After the callback: keep the tokens and mark the app signed in. */
export async function startSession(tokens: oauth.TokenEndpointResponse): Promise<SessionUser> {
  if (!config) throw new Error('The app is not configured yet.');
  if (!tokens.refresh_token) throw new Error('The authorization server returned no refresh token.');
  const user = userFrom(tokens);
  await writeSession({ refreshToken: tokens.refresh_token, idToken: tokens.id_token, user });
  keep(config.oauth.api_audience, tokens);
  useAuthStore.getState().set('signed-in', user);
  return user;
}

/**
 * On load: a stored refresh token means the app was signed in. Online, it is redeemed at once (proving
 * the session is alive); offline, the user keeps working with cached data and queued changes.
 */
export async function restoreSession(): Promise<void> {
  const stored = await readSession();
  if (!stored || !config) {
    useAuthStore.getState().set('signed-out', null);
    return;
  }
  if (!navigator.onLine) {
    useAuthStore.getState().set('signed-in', stored.user);
    return;
  }
  try {
    await refresh(config.oauth.api_audience);
    useAuthStore.getState().set('signed-in', (await readSession())?.user ?? stored.user);
  } catch (error) {
    if (error instanceof SignedOutError) return;
    // the authorization server is unreachable: stay signed in with what the app has
    useAuthStore.getState().set('signed-in', stored.user);
  }
}

/** A valid access token for the API (default) or the certification service's audience. */
export async function getAccessToken(audience?: string): Promise<string> {
  if (!config) throw new Error('The app is not configured yet.');
  const wanted = audience ?? config.oauth.api_audience;
  const cached = accessTokens.get(wanted);
  if (cached && cached.expiresAt - Date.now() > EARLY_REFRESH_MS) return cached.value;
  return refresh(wanted);
}

/**
 * The headers that authorize one request to a resource server: `Authorization: DPoP <token>` and its
 * DPoP proof for this method and URL (RFC 9449 §7).
 */
export async function authorizationHeaders(
  method: string,
  url: string,
  audience?: string,
): Promise<{ authorization: string; dpop: string }> {
  const token = await getAccessToken(audience);
  return { authorization: `DPoP ${token}`, dpop: await dpopProof(await dpopKeyPair(), method, url, token) };
}

/** Sets the DPoP authorization of a request to a resource server (replacing any earlier one). */
export async function authorizeRequest(request: Request, audience?: string): Promise<void> {
  const headers = await authorizationHeaders(request.method, request.url, audience);
  request.headers.set('authorization', headers.authorization);
  request.headers.set('dpop', headers.dpop);
}

/** Forget a token the server refused (revoked), so the next call refreshes. */
export function dropAccessToken(audience?: string): void {
  if (config) accessTokens.delete(audience ?? config.oauth.api_audience);
}

/** Revokes the refresh token, forgets everything local and returns the end-session URL to go to. */
export async function signOut(): Promise<string> {
  if (!config) throw new Error('The app is not configured yet.');
  const stored = await readSession();
  if (stored) await revokeRefreshToken(config, stored.refreshToken).catch(() => undefined);
  await clearLocal();
  useAuthStore.getState().set('signed-out', null);
  return endSessionUrl(config, stored?.idToken);
}

/**
 * The signed-in user's tenant, from the API access token's `tenant_id` claim (an RFC 9068 JWT; the ID
 * token does not carry it). Read, not verified: the servers verify the token on every use.
 */
export async function currentTenantId(): Promise<string | undefined> {
  const token = await getAccessToken();
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      tenant_id?: unknown;
    };
    return typeof payload.tenant_id === 'string' ? payload.tenant_id : undefined;
  } catch {
    return undefined;
  }
}
