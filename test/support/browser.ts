import { existsSync } from 'node:fs';
import { chromiumPath, readSesMailbox, type StoredEmail } from '@portico/devkit';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `PORTICO_CHROMIUM` names another binary. */
export const CHROMIUM_PATH = chromiumPath();

/**
 * Launches headless Chromium through playwright-core with the system binary (no browser download).
 * Throws naming the path when the binary is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set PORTICO_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The 6-digit code of the newest sign-in email to `to` that arrived after `afterMessageIds`,
 * polling the SES stand-in's `/store` for up to `timeoutMs` (default 10 000 ms).
 * Throws when none arrives.
 */
export async function codeFromMailbox(
  sesEndpoint: string,
  to: string,
  afterMessageIds: ReadonlySet<string>,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = (await readSesMailbox(sesEndpoint)).filter(
      (m: StoredEmail) => m.destination.to.includes(to) && !afterMessageIds.has(m.messageId),
    );
    const code = mail.at(-1)?.body.text?.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in email to ${to} within ${timeoutMs} ms`);
}

/** Ids of the messages already in the mailbox, so the next code read is a new one. */
export async function seenMessageIds(sesEndpoint: string): Promise<Set<string>> {
  return new Set((await readSesMailbox(sesEndpoint)).map((m) => m.messageId));
}

/** What the authorize page showed on the way, for assertions. */
export interface SignInTranscript {
  /** The consent page's text (names the client, its host and the server). */
  consentText: string;
  /** Where the browser was sent at the end: the client's redirect URI with `code`/`error`. */
  redirectedTo: string;
}

/**
 * Drives Portico's authorize page like a person: opens `authorizeUrl`, types the email, reads the
 * code from the SES stand-in's mailbox, types it, then presses Allow (or Deny). Resolves with the
 * URL the browser was finally redirected to (the client's loopback callback). Labels, not CSS
 * selectors, find the fields, so the page's accessible names are part of what this checks.
 */
export async function signInOnAuthorizePage(
  page: Page,
  opts: { authorizeUrl: string; email: string; sesEndpoint: string; decision?: 'Allow' | 'Deny' },
): Promise<SignInTranscript> {
  const seen = await seenMessageIds(opts.sesEndpoint);
  await page.goto(opts.authorizeUrl);
  await page.getByLabel('Email address').fill(opts.email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Sign-in code').waitFor();
  const code = await codeFromMailbox(opts.sesEndpoint, opts.email, seen);
  await page.getByLabel('Sign-in code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  const decision = page.getByRole('button', { name: opts.decision ?? 'Allow' });
  await decision.waitFor();
  const consentText = (await page.locator('main').textContent()) ?? '';
  const redirected = page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
  await decision.click();
  await redirected;
  return { consentText, redirectedTo: page.url() };
}
