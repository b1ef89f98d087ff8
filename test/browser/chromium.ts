import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's package; a test tool's own browser download is not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium, with everything that would phone home switched off: these tests reach
 * nothing but the app on 127.0.0.1.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package (as root: apt-get install -y chromium) or set CHROMIUM_PATH; README's test command does this.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The few browser globals these tests touch inside the page (functions passed to
 * page.evaluate run there, so they cast globalThis to this). The tests compile with the
 * server's settings (no DOM library), so they are typed here rather than pulled in for all.
 */
export interface InPage {
  readonly document: EventTarget & { cookie: string };
  readonly sessionStorage: { readonly length: number };
  __violations?: string[];
}

/** Collects the page's Content-Security-Policy violations, from before its first script runs. */
export async function recordPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const browser = globalThis as unknown as InPage;
    const seen: string[] = [];
    browser.__violations = seen;
    browser.document.addEventListener('securitypolicyviolation', (event) => {
      const { violatedDirective, blockedURI } = event as Event & { violatedDirective: string; blockedURI: string };
      seen.push(`${violatedDirective} ${blockedURI}`);
    });
  });
  return () => page.evaluate(() => (globalThis as unknown as InPage).__violations ?? []);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * axe-core run inside the page. It is evaluated through the debugging protocol rather than
 * added as a <script>: the console's policy rightly refuses inline scripts, and the test
 * must not loosen it to look.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target }) => ({ target })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
