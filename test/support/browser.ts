import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); .ci/run installs it when it is missing. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Kept by every run; docs/screenshots holds the copies the README shows. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  const executablePath = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) throw new Error(`No Chromium found at ${CHROMIUM_CANDIDATES.join(', ')}: install it with "apt-get install -y chromium"`);
  // The machine's network is closed: without these, Chromium keeps trying to reach Google's services.
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile; CSP is bypassed only so the accessibility checker can be injected. */
export function newBrowserContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('button:has-text("Sign in")')]);
}

export interface AccessibilityProblem {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (an empty list passes). */
export async function seriousAccessibilityProblems(page: Page, label: string): Promise<AccessibilityProblem[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const results = await (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] });
    return results.violations.map((violation) => ({ rule: violation.id, impact: violation.impact ?? 'unknown', targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => ({ page: label, ...violation }));
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = `${SCREENSHOTS_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
