import * as client from 'openid-client';
import { RunningApi, TestUser } from './api-harness';
import { BrowserSession, csrfTokenIn } from './browser-session';

export const WEB_REDIRECT_URI = 'http://127.0.0.1:4173/auth/callback';

/** openid-client configured from the running API's discovery document (plain HTTP allowed in tests). */
export async function discover(
  api: RunningApi,
  clientId = 'oversing-web',
  clientSecret?: string,
): Promise<client.Configuration> {
  return client.discovery(
    new URL(api.url),
    clientId,
    clientSecret ? { client_secret: clientSecret } : { token_endpoint_auth_method: 'none' },
    clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
    { execute: [client.allowInsecureRequests] },
  );
}

export interface PkceSignIn {
  code: string;
  verifier: string;
  callbackUrl: URL;
  config: client.Configuration;
  state: string;
}

/** Walks the authorization code + PKCE flow through the real sign-in page, as a browser would. */
export async function signInWithPkce(
  api: RunningApi,
  user: Pick<TestUser, 'email' | 'password'>,
  scope = 'openid offline_access tasks:read users:read',
): Promise<PkceSignIn> {
  const config = await discover(api);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT_URI,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const browser = new BrowserSession();
  const page = await browser.follow(authUrl.toString(), api.url);
  const html = await page.response.text();
  if (page.response.status !== 200)
    throw new Error(`sign-in page: ${page.response.status} ${html.slice(0, 300)}`);
  const login = await browser.follow(`${page.url}/login`, api.url, {
    method: 'POST',
    form: { _csrf: csrfTokenIn(html), email: user.email, password: user.password },
  });
  const callbackUrl = new URL(login.url);
  const code = callbackUrl.searchParams.get('code');
  if (!code)
    throw new Error(
      `no code: ${login.response.status} ${login.url} ${(await login.response.text()).slice(0, 300)}`,
    );
  return { code, verifier, callbackUrl, config, state };
}

export async function exchangeCode(signIn: PkceSignIn): Promise<client.TokenEndpointResponse> {
  return client.authorizationCodeGrant(signIn.config, signIn.callbackUrl, {
    pkceCodeVerifier: signIn.verifier,
    expectedState: signIn.state,
  });
}

/** Like signInWithPkce, for a user with a second factor: the first POST asks for the code, the second sends it. */
export async function signInWithPkceAndTotp(
  api: RunningApi,
  user: Pick<TestUser, 'email' | 'password'>,
  code: string,
): Promise<PkceSignIn> {
  const config = await discover(api);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT_URI,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const browser = new BrowserSession();
  const page = await browser.follow(authUrl.toString(), api.url);
  const first = await browser.request(`${page.url}/login`, {
    method: 'POST',
    form: { _csrf: csrfTokenIn(await page.response.text()), email: user.email, password: user.password },
  });
  const askingForCode = await first.text();
  if (!askingForCode.includes('name="totp"')) throw new Error('the sign-in page did not ask for a code');
  const login = await browser.follow(`${page.url}/login`, api.url, {
    method: 'POST',
    form: { _csrf: csrfTokenIn(askingForCode), email: user.email, password: user.password, totp: code },
  });
  const callbackUrl = new URL(login.url);
  const authCode = callbackUrl.searchParams.get('code');
  if (!authCode) throw new Error(`no code: ${login.response.status}`);
  return { code: authCode, verifier, callbackUrl, config, state };
}
