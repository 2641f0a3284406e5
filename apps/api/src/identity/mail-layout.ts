/** One layout for every mail the API sends: the same content as plain text and as simple, inline-styled HTML. */

export interface MailContent {
  /** the organisation (tenant) the mail speaks for */
  tenantName: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** small print under the action (why you got this, how long a link works) */
  footnote?: string;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderMail(content: MailContent): { text: string; html: string } {
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    `— ${content.tenantName} on Oversing`,
  ].join('\n');
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="color:#4b5563;font-size:13px">If the button does not work, open this address: <br><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font:16px/1.5 system-ui,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action}
${content.footnote ? `<p style="color:#4b5563;font-size:13px">${escapeHtml(content.footnote)}</p>` : ''}
<p style="color:#4b5563;font-size:13px;margin-top:32px">${escapeHtml(content.tenantName)} on Oversing</p>
</div></body></html>`;
  return { text, html };
}
