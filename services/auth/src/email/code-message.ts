import type { OutgoingEmail } from './sender.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** `14:05 UTC`: the expiry as a reader checks it against a clock. */
function clockTime(d: Date): string {
  return `${d.toISOString().slice(11, 16)} UTC`;
}

/**
 * The sign-in email: the code, what it signs in to (`name`: the server's or org's name, chosen by
 * the org, so escaped in HTML) and its expiry. The code is kept out of the subject, which
 * notification previews and mail logs show. No links: the code is typed where it was requested.
 */
export function codeMessage(input: {
  to: string;
  code: string;
  name: string;
  expiresAt: Date;
  ttlMinutes: number;
}): OutgoingEmail {
  const { code, name, expiresAt, ttlMinutes } = input;
  const valid = `valid for ${ttlMinutes} minutes (until ${clockTime(expiresAt)})`;
  const text = [
    `Your sign-in code for ${name} is:`,
    '',
    `    ${code}`,
    '',
    `It is ${valid} and works once.`,
    `If you did not ask to sign in to ${name}, ignore this email: nobody can sign in without the code.`,
  ].join('\n');
  const n = escapeHtml(name);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p>Your sign-in code for <strong>${n}</strong> is:</p>`,
    `<p style="font-size:28px;letter-spacing:4px;font-family:monospace"><strong>${code}</strong></p>`,
    `<p>It is ${escapeHtml(valid)} and works once.</p>`,
    `<p>If you did not ask to sign in to ${n}, ignore this email: nobody can sign in without the code.</p>`,
    '</body></html>',
  ].join('\n');
  // Control characters would break the header line; SES encodes the rest.
  const subject = `Your sign-in code for ${name.replace(/\p{Cc}+/gu, ' ')}`;
  return { to: input.to, subject, text, html };
}
