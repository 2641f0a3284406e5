import * as oauth from 'oauth4webapi';
import { useAuthStore, type SessionUser } from '@/lib/auth/auth-store';
import {
  endSessionUrl,
  getValidatedIdTokenClaims,
  refreshTokens,
  revokeRefreshToken,
} from '@/lib/auth/oauth';
import type { RuntimeConfig } from '@/lib/runtime-config';

/**
 * Token custody. Access tokens live only in memory (one per audience). The rotating refresh token, the ID
 * token (for the end-session hint) and the user's claims live in sessionStorage: they survive a reload of
 * this tab but not its closing, and they are not shared between tabs. Sharing them (IndexedDB,
 * localStorage) would let two tabs redeem the same rotating refresh token, and the authorization server
 * revokes the whole grant on such a replay. Each tab therefore signs in once (silently, while the
 * authorization server's session cookie lasts). Every refresh, for any audience, runs one at a time.
 */
const STORAGE_KEY = 'oversing.auth.session';
const EARLY_REFRESH_MS = 60_000;

interface StoredSession {
  refreshToken: string;
  idToken?: string;
  user: SessionUser;
}

interface AccessToken {
  value: string;
  expiresAt: number;
}

let config: RuntimeConfig | undefined;
const accessTokens = new Map<string, AccessToken>();
let refreshChain: Promise<unknown> = Promise.resolve();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

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
  const stored = readStored();
  if (tokens.refresh_token && stored) {
    writeStored({
      ...stored,
      refreshToken: tokens.refresh_token,
      idToken: tokens.id_token ?? stored.idToken,
    });
  }
  if (config && audience === config.oauth.api_audience) scheduleRefresh(lifetime);
}

/** Silent refresh of the API token one minute before it expires. */
function scheduleRefresh(lifetimeMs: number): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(
    () => {
      if (!config || !readStored()) return;
      void refresh(config.oauth.api_audience).catch(() => undefined);
    },
    Math.max(5_000, lifetimeMs - EARLY_REFRESH_MS),
  );
}

function refresh(audience: string): Promise<string> {
  const run = refreshChain.then(async () => {
    if (!config) throw new Error('The app is not configured yet.');
    const cached = accessTokens.get(audience);
    if (cached && cached.expiresAt - Date.now() > EARLY_REFRESH_MS) return cached.value;
    const stored = readStored();
    if (!stored) throw new SignedOutError();
    try {
      const tokens = await refreshTokens(config, stored.refreshToken, audience);
      keep(audience, tokens);
      return tokens.access_token;
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') {
        // expired, revoked or replayed: the session is over (other refusals, e.g. invalid_target for
        // one audience, leave the session alone)
        clearLocal();
        useAuthStore.getState().set('signed-out', null);
        throw new SignedOutError();
      }
      throw error;
    }
  });
  refreshChain = run.catch(() => undefined);
  return run;
}

function clearLocal(): void {
  accessTokens.clear();
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
  writeStored(null);
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

/** After the callback: keep the tokens and mark this tab signed in. */
export function startSession(tokens: oauth.TokenEndpointResponse): SessionUser {
  if (!config) throw new Error('The app is not configured yet.');
  if (!tokens.refresh_token) throw new Error('The authorization server returned no refresh token.');
  const user = userFrom(tokens);
  writeStored({ refreshToken: tokens.refresh_token, idToken: tokens.id_token, user });
  keep(config.oauth.api_audience, tokens);
  useAuthStore.getState().set('signed-in', user);
  return user;
}

/**
 * On load: a stored refresh token means this tab was signed in. Online, it is redeemed at once (proving
 * the session is alive); offline, the user keeps working with cached data and queued changes.
 */
export async function restoreSession(): Promise<void> {
  const stored = readStored();
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
    useAuthStore.getState().set('signed-in', readStored()?.user ?? stored.user);
  } catch (error) {
    if (error instanceof SignedOutError) return;
    // the authorization server is unreachable: stay signed in with what this tab has
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

/** Forget a token the server refused (revoked), so the next call refreshes. */
export function dropAccessToken(audience?: string): void {
  if (config) accessTokens.delete(audience ?? config.oauth.api_audience);
}

/** Revokes the refresh token, forgets everything local and returns the end-session URL to go to. */
export async function signOut(): Promise<string> {
  if (!config) throw new Error('The app is not configured yet.');
  const stored = readStored();
  if (stored) await revokeRefreshToken(config, stored.refreshToken).catch(() => undefined);
  clearLocal();
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
