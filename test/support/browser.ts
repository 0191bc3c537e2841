import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './paths.js';

/**
 * A real headless Chromium for the console's end-to-end tests: Debian's `chromium` (the test
 * command installs it when missing; playwright-core downloads no browser), with the flags that keep
 * it off the network this machine does not have (background networking, component updates, sync).
 */
export const CHROMIUM = process.env.KEYSMITH_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Where the tests leave their screenshots (docs/console.md shows the best ones). */
export const SCREENSHOTS = join(repoRoot, 'dist', 'screenshots', 'console');

/** A full-page screenshot under dist/screenshots/console/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A page at 1280×800 that fails the test on any uncaught page error or failed console request. */
export async function newConsolePage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Signs in with a password on the console's sign-in page. */
export async function signInWithPassword(page: Page, url: string, who: { account: string; user: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Account ID or alias').fill(who.account);
  await page.getByLabel('IAM user name').fill(who.user);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
