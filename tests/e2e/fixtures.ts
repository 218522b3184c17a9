/**
 * Every e2e test runs with a request log: any request that leaves the page's own origin fails the
 * test (SPEC section 6: no CDN, no fonts from elsewhere, no telemetry). Workers' requests count too.
 */
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ offsite: string[] }>({
  offsite: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offsite: string[] = [];
      context.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) offsite.push(url);
      });
      await use(offsite);
      expect(offsite, 'requests outside the app origin').toEqual([]);
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
