/**
 * Every e2e test runs with a request log: any request that leaves the page's own origin fails the
 * test (SPEC section 6: no CDN, no fonts from elsewhere, no telemetry). Workers' requests count too.
 * And with a CSP log: any Content-Security-Policy violation the browser reports (docs/security.md) fails
 * the test, so every view, upload and export the suite runs is also a check that the policy lets it work.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const test = base.extend<{ offsite: string[]; cspReports: string[]; expectCspViolations: boolean }>({
  // Set by the tests that break the policy on purpose (csp.spec.ts): their violations are the point.
  expectCspViolations: [false, { option: true }],
  cspReports: [
    async ({ context, expectCspViolations }, use) => {
      const reports: string[] = [];
      // Chromium reports each violation on the console of the page (or worker) it happened in.
      context.on('console', (msg) => {
        if (/Content[- ]Security[- ]Policy/i.test(msg.text())) reports.push(msg.text());
      });
      await use(reports);
      if (!expectCspViolations) expect(reports, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true }
  ],
  offsite: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offsite: string[] = [];
      const blocked = new Set<string>();
      context.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) offsite.push(url);
      });
      // A request the page's Content-Security-Policy stopped never left the browser (Chromium still
      // reports it as a request, then as failed); the CSP log below catches it as a violation.
      context.on('requestfailed', (req) => {
        if (/^(csp|net::ERR_BLOCKED_BY_CSP)$/.test(req.failure()?.errorText ?? '')) blocked.add(req.url());
      });
      await use(offsite);
      expect(offsite.filter((u) => !blocked.has(u)), 'requests outside the app origin').toEqual([]);
    },
    { auto: true }
  ]
});
export { expect };

/** Open a page and wait until the data engine has started and loaded what it loads at start-up. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
}

/** A file of tests/fixtures dropped on the Data page and loaded as detected; waits for a passing report. */
export async function loadFixture(page: Page, name: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(new URL(`../fixtures/${name}`, import.meta.url).pathname);
  const card = page.locator(`[data-testid="file-card"][data-file="${name}"]`);
  await card.getByTestId('load-button').click();
  await expect(card.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
}

/**
 * Open the table twins of the charts in `scope` (the page, or one chart's frame), as a user does with each
 * "Table of the numbers in this chart": a twin's table is made only while it is open (charts/ChartFrame.svelte).
 */
export async function openTwins(scope: Page | Locator): Promise<void> {
  // By position among all twins: a locator of the closed ones would move on to the next as each one opens.
  const twins = scope.locator('details.twin');
  for (let i = 0, n = await twins.count(); i < n; i++) {
    const twin = twins.nth(i);
    if ((await twin.getAttribute('open')) !== null) continue;
    await twin.locator('summary').click();
    // Made on the details' toggle event, which comes after the click: wait for it before anything reads the rows.
    await expect(twin.locator('table')).toHaveCount(1);
  }
}
