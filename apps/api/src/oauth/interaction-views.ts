import type { FastifyReply } from 'fastify';

/**
 * Server-rendered, accessible pages of the authorization server: sign-in, consent, error, and the
 * password pages (forgot, set by a mailed link). No scripts.
 */

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The app's icon, inline (the pages' CSP allows data: images), so the browser does not ask the API for
 * a /favicon.ico it does not have.
 */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><circle cx="16" cy="16" r="8" fill="none" stroke="#fff" stroke-width="4"/></svg>',
)}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="${FAVICON}">
<title>${escapeHtml(title)} · Oversing</title>
<style>
  :root { color-scheme: light dark; --fg:#111827; --bg:#f9fafb; --card:#fff; --accent:#1d4ed8; --err:#b91c1c; --muted:#4b5563; }
  @media (prefers-color-scheme: dark) { :root { --fg:#f3f4f6; --bg:#111827; --card:#1f2937; --accent:#93c5fd; --err:#fca5a5; --muted:#d1d5db; } }
  * { box-sizing: border-box; }
  body { margin:0; font:16px/1.5 system-ui, sans-serif; color:var(--fg); background:var(--bg); display:grid; place-items:center; min-height:100vh; padding:1rem; }
  main { width:100%; max-width:24rem; background:var(--card); border-radius:.75rem; padding:2rem; box-shadow:0 1px 3px rgb(0 0 0 / .2); }
  h1 { font-size:1.5rem; margin:0 0 1rem; }
  label { display:block; font-weight:600; margin:1rem 0 .25rem; }
  input { width:100%; padding:.625rem .75rem; font:inherit; border:1px solid var(--muted); border-radius:.375rem; background:transparent; color:inherit; }
  input:focus-visible, button:focus-visible, a:focus-visible { outline:3px solid var(--accent); outline-offset:2px; }
  button { margin-top:1.5rem; width:100%; padding:.75rem; font:inherit; font-weight:600; border:0; border-radius:.375rem; background:var(--accent); color:var(--bg); cursor:pointer; }
  .secondary { background:transparent; color:var(--accent); border:1px solid var(--accent); margin-top:.75rem; }
  .error { color:var(--err); font-weight:600; }
  p.hint, li { color:var(--muted); }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export interface LoginPageModel {
  uid: string;
  csrfToken: string;
  clientName: string;
  email?: string;
  error?: string;
  askTotp?: boolean;
}

export function renderLoginPage(model: LoginPageModel): string {
  const error = model.error
    ? `<p class="error" role="alert" id="form-error">${escapeHtml(model.error)}</p>`
    : '';
  const describedBy = model.error ? ' aria-describedby="form-error"' : '';
  const totp = model.askTotp
    ? `<label for="totp">Authentication code</label>
       <input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required autofocus>`
    : '';
  return layout(
    'Sign in',
    `<h1>Sign in</h1>
<p class="hint">to continue to ${escapeHtml(model.clientName)}</p>
${error}
<form method="post" action="/oauth/interaction/${escapeHtml(model.uid)}/login" novalidate${describedBy}>
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(model.email ?? '')}"${model.askTotp ? '' : ' autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  ${totp}
  <button type="submit">Sign in</button>
</form>
<p><a href="/account/password/forgot">Forgot password?</a></p>
<form method="post" action="/oauth/interaction/${escapeHtml(model.uid)}/abort">
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <button type="submit" class="secondary">Cancel</button>
</form>`,
  );
}

export function renderConsentPage(model: {
  uid: string;
  csrfToken: string;
  clientName: string;
  scopes: string[];
}): string {
  const items = model.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return layout(
    'Allow access',
    `<h1>Allow access?</h1>
<p><strong>${escapeHtml(model.clientName)}</strong> asks to act for you with these permissions:</p>
<ul>${items}</ul>
<form method="post" action="/oauth/interaction/${escapeHtml(model.uid)}/confirm">
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <button type="submit">Allow</button>
</form>
<form method="post" action="/oauth/interaction/${escapeHtml(model.uid)}/abort">
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <button type="submit" class="secondary">Deny</button>
</form>`,
  );
}

export function renderOAuthErrorPage(out: Record<string, string>): string {
  return layout(
    'Sign-in problem',
    `<h1>Something went wrong</h1>
<p class="error" role="alert">${escapeHtml(out.error ?? 'error')}</p>
<p>${escapeHtml(out.error_description ?? 'The sign-in request could not be completed.')}</p>
<p class="hint">Go back to the application and start signing in again.</p>`,
  );
}

/**
 * Sends a page with its own security headers. Browsers apply the page's CSP `form-action` to every
 * redirect that follows a form submission, so the sign-in form must also allow the client's
 * redirect_uri origin or the final redirect is blocked.
 */
export function sendHtmlPage(reply: FastifyReply, status: number, body: string, redirectUri?: unknown): void {
  let formAction = "'self'";
  try {
    if (typeof redirectUri === 'string') formAction += ` ${new URL(redirectUri).origin}`;
  } catch {
    /* an invalid redirect_uri never reaches an interaction */
  }
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('strict-transport-security', 'max-age=31536000; includeSubDomains')
    .header(
      'content-security-policy',
      `default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action ${formAction}`,
    )
    .send(body);
}

export function renderForgotPasswordPage(model: {
  csrfToken: string;
  email?: string;
  error?: string;
}): string {
  const error = model.error
    ? `<p class="error" role="alert" id="form-error">${escapeHtml(model.error)}</p>`
    : '';
  return layout(
    'Forgot password',
    `<h1>Forgot your password?</h1>
<p class="hint">Enter the email you sign in with. If it belongs to an account, we mail you a link to choose a new password.</p>
${error}
<form method="post" action="/account/password/forgot" novalidate${model.error ? ' aria-describedby="form-error"' : ''}>
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(model.email ?? '')}">
  <button type="submit">Send reset link</button>
</form>`,
  );
}

export function renderMessagePage(model: {
  title: string;
  message: string;
  link?: { href: string; label: string };
  alert?: boolean;
}): string {
  return layout(
    model.title,
    `<h1>${escapeHtml(model.title)}</h1>
<p${model.alert ? ' class="error" role="alert"' : ' role="status"'}>${escapeHtml(model.message)}</p>
${model.link ? `<p><a href="${escapeHtml(model.link.href)}">${escapeHtml(model.link.label)}</a></p>` : ''}`,
  );
}

export function renderSetPasswordPage(model: {
  csrfToken: string;
  token: string;
  email: string;
  invitation: boolean;
  error?: string;
}): string {
  const title = model.invitation ? 'Set your password' : 'Choose a new password';
  const error = model.error
    ? `<p class="error" role="alert" id="form-error">${escapeHtml(model.error)}</p>`
    : '';
  return layout(
    title,
    `<h1>${title}</h1>
<p class="hint">for ${escapeHtml(model.email)}; at least 12 characters.</p>
${error}
<form method="post" action="/account/password/reset" novalidate${model.error ? ' aria-describedby="form-error"' : ''}>
  <input type="hidden" name="_csrf" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="token" value="${escapeHtml(model.token)}">
  <input type="hidden" name="username" autocomplete="username" value="${escapeHtml(model.email)}">
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required autofocus>
  <label for="confirm">Confirm new password</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required>
  <button type="submit">${model.invitation ? 'Set password' : 'Change password'}</button>
</form>`,
  );
}
