/** Server-rendered, accessible pages of the authorization server: sign-in, consent, error. No scripts. */

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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
