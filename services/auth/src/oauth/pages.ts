import { escapeHtml } from '../email/code-message.js';
import type { FlowState } from './flow.js';

/**
 * The authorize page, server-rendered: plain HTML with one form per step, labelled inputs, an
 * `role="alert"` error region, inline styles only (no third-party assets, no scripts).
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#111}
label{display:block;margin:1rem 0 .25rem;font-weight:600}input{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box}
button{font-size:1rem;padding:.6rem 1.2rem;margin:1rem .5rem 0 0}.error{color:#a00;border-left:4px solid #a00;padding-left:.5rem}
.host{font-size:1.25rem;font-family:ui-monospace,monospace}`;

function layout(title: string, body: string, error?: string): string {
  const alert = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${alert}${body}</main></body></html>`;
}

/**
 * How the page names the client. A Client ID Metadata Document client is named by the host of its
 * client_id URL first, in bold (the one fact about it that was verified: we fetched from there);
 * names a client gave itself (dynamic registration, metadata documents) are marked as unverified;
 * names an org gave its own client are shown plain.
 */
function clientLabel(flow: FlowState): string {
  const name = escapeHtml(flow.clientName);
  if (flow.clientKind === 'cimd' && flow.clientHost) {
    const host = escapeHtml(flow.clientHost);
    return flow.clientName === flow.clientHost
      ? `the app at <strong class="host">${host}</strong>`
      : `the app at <strong class="host">${host}</strong>, which calls itself “${name}” (unverified name)`;
  }
  if (flow.clientKind === 'org') return `<strong>${name}</strong>`;
  return `<strong>${name}</strong> (unverified name)`;
}

const hidden = (sealed: string): string =>
  `<input type="hidden" name="flow" value="${escapeHtml(sealed)}">`;

/** Step 1: the address to mail a code to. */
export function emailPage(flow: FlowState, sealed: string, error?: string): string {
  return layout(
    `Sign in to ${flow.serverName}`,
    `<p>${clientLabel(flow)} wants to use ${escapeHtml(flow.serverName)} for you. Enter your email address; we will send you a sign-in code.</p>
<form method="post" action="/auth/authorize">${hidden(sealed)}
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required autofocus>
<button type="submit">Send code</button></form>`,
    error,
  );
}

/** Step 2: the code that was mailed. */
export function codePage(flow: FlowState, sealed: string, error?: string): string {
  return layout(
    'Enter your code',
    `<p>We sent a 6-digit code to ${escapeHtml(flow.email ?? '')}. It is valid for 10 minutes.</p>
<form method="post" action="/auth/authorize">${hidden(sealed)}
<label for="code">Sign-in code</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required autofocus>
<button type="submit">Verify</button></form>`,
    error,
  );
}

/**
 * Step 3: consent, naming the client (for a metadata-document client its host, as its title),
 * and where the browser will be sent.
 */
export function consentPage(flow: FlowState, sealed: string): string {
  const returnHost = new URL(flow.redirectUri).host || flow.redirectUri.split(':')[0] || '';
  const title =
    flow.clientKind === 'cimd' && flow.clientHost
      ? `Allow ${flow.clientHost}?`
      : flow.clientKind === 'org'
        ? `Allow ${flow.clientName}?`
        : 'Allow this app?';
  return layout(
    title,
    `<p>Signed in as ${escapeHtml(flow.email ?? '')}.</p>
<p>${clientLabel(flow)} (returning to ${escapeHtml(returnHost)}) asks to use <strong>${escapeHtml(flow.serverName)}</strong> on your behalf (scope: ${escapeHtml(flow.scope)}).</p>
<form method="post" action="/auth/authorize">${hidden(sealed)}
<button type="submit" name="decision" value="approve">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

/** An error the page cannot send back to the client (unknown client, bad redirect URI, ...). */
export function errorPage(message: string): string {
  return layout('Sign-in cannot continue', `<p>${escapeHtml(message)}</p>`);
}
