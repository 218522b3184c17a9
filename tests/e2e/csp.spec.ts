// The Content-Security-Policy (docs/security.md): a <meta http-equiv> tag on every page, before any
// script; it blocks requests and images to other origins; and no view breaks it while drawing its charts.
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const ROUTES = ['/', '/map/', '/waiting/', '/capacity/', '/equity/', '/plan/', '/area/?area=E06000009', '/board-pack/', '/data/', '/sql/'];

/** Collect every securitypolicyviolation from the first script on, in each page the context opens. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: { directive: string; blocked: string }[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: { directive: string; blocked: string }[] }).__csp);

test('every page carries the policy as a meta tag, ahead of every script', async ({ page }) => {
  for (const route of ROUTES) {
    // The prerendered file as served, before any script has run.
    const html = await (await page.request.get(route)).text();
    const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)">/);
    expect(meta, `${route}: the policy meta tag`).not.toBeNull();
    const policy = meta![1]!.replace(/&#39;|&apos;/g, "'");
    for (const d of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'"]) expect(policy, route).toContain(d);
    // Scripts are allowed from the origin and by hash only: never inline at large, never eval.
    const script = policy.split(';').map((s) => s.trim()).find((s) => s.startsWith('script-src '))!;
    expect(script, route).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    // The browser applies a meta policy only to what comes after it.
    const at = html.indexOf('<meta http-equiv="content-security-policy"');
    const firstScript = Math.min(...['<script', '<link rel="modulepreload"'].map((t) => html.indexOf(t)).filter((i) => i >= 0));
    expect(at, `${route}: the policy comes before the first script`).toBeLessThan(firstScript);
    // And the browser sees it on the page it draws.
    await page.goto(route);
    await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveCount(1);
  }
});

test.describe('blocked on purpose', () => {
  test.use({ expectCspViolations: true });

  test('a fetch to another origin is blocked under connect-src', async ({ page }) => {
    await recordViolations(page);
    await openApp(page, '/');
    const outcome = await page.evaluate(async () => {
      const seen = new Promise<{ directive: string; blocked: string }>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.effectiveDirective, blocked: e.blockedURI }), { once: true }));
      const fetched = await fetch('http://example.com/x').then(() => 'fetched', (e: Error) => `failed: ${e.name}`);
      return { fetched, violation: await seen };
    });
    expect(outcome.fetched).toBe('failed: TypeError');
    expect(outcome.violation.directive).toBe('connect-src');
    expect(outcome.violation.blocked).toMatch(/^http:\/\/example\.com/);
  });

  test('an image from another origin is blocked under img-src', async ({ page }) => {
    await recordViolations(page);
    await openApp(page, '/');
    const outcome = await page.evaluate(async () => {
      const seen = new Promise<{ directive: string; blocked: string }>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.effectiveDirective, blocked: e.blockedURI }), { once: true }));
      const img = document.createElement('img');
      const loaded = new Promise<string>((resolve) => { img.onload = () => resolve('loaded'); img.onerror = () => resolve('error'); });
      img.src = 'http://example.com/pixel.png';
      document.body.append(img);
      return { loaded: await loaded, violation: await seen };
    });
    expect(outcome.loaded).toBe('error');
    expect(outcome.violation.directive).toBe('img-src');
    expect(outcome.violation.blocked).toMatch(/^http:\/\/example\.com/);
  });
});

test.describe('DuckDB under the policy', () => {
  test.use({ expectCspViolations: true });

  test('DuckDB\'s worker inherits the policy: it cannot read a URL on another origin', async ({ page, context }) => {
    // Were the request to leave the browser it would reach this route (and be stopped here, so nothing is
    // sent in any case); a request the policy blocks never reaches routing and fails as 'csp'.
    const routed: string[] = [];
    await context.route(/example\.com/, (r) => { routed.push(r.request().url()); return r.abort(); });
    const failures: string[] = [];
    context.on('requestfailed', (r) => { if (r.url().includes('example.com')) failures.push(r.failure()?.errorText ?? ''); });
    await openApp(page, '/');
    const outcome = await page.evaluate(async () => {
      const q = (window as unknown as { __fairshare: { query: (s: string) => Promise<unknown> } }).__fairshare.query;
      return q("SELECT * FROM read_csv('http://example.com/x.csv')").then(() => 'read', (e: Error) => `failed: ${e.message}`);
    });
    expect(outcome).toMatch(/^failed: /);
    await expect.poll(() => failures).toEqual(['csp']);
    expect(routed).toEqual([]);
  });
});

test('no view breaks the policy while it draws its charts', async ({ page, cspReports }) => {
  test.setTimeout(300_000);
  await recordViolations(page);
  const views: [string, string | null][] = [
    ['/', 'key-figures'], ['/map/?area=E06000009', 'map-view'], ['/map/?shape=hex', 'map-view'], ['/waiting/?spc=1', 'waiting-view'],
    ['/capacity/', 'capacity-view'], ['/equity/', 'equity-view'], ['/area/?area=E06000009', 'area-profile'], ['/board-pack/', null], ['/data/', null]
  ];
  for (const [url, view] of views) {
    await openApp(page, url);
    if (view === 'key-figures') await expect(page.getByTestId(view)).toBeVisible();
    else if (view) await expect(page.getByTestId(view)).toHaveAttribute('data-loading', 'false');
    await expect(page.locator('[data-chart][data-state="loading"]')).toHaveCount(0);
    // Something was drawn (a policy that stopped scripts or the database would leave the page empty and
    // "clean"): the Overview's key figures are numbers from DuckDB; the other views draw a chart or the map.
    if (view && view !== 'key-figures') await expect(page.locator('main svg').filter({ visible: true }).first()).toBeVisible();
    expect(await violations(page), url).toEqual([]);
  }
  // The SQL console: a query, its table and its chart.
  await openApp(page, '/sql/');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-table').locator('tbody tr').first()).toBeVisible();
  await page.getByTestId('sql-chart-draw').click();
  await expect(page.getByTestId('sql-chart-graphic').locator('svg')).toBeVisible();
  expect(await violations(page), '/sql/').toEqual([]);
  expect(cspReports).toEqual([]);
});

test('the chart exports work under the policy: PNG, SVG and copy image draw through blob: images', async ({ page }) => {
  await recordViolations(page);
  await openApp(page, '/waiting/');
  await expect(page.getByTestId('waiting-view')).toHaveAttribute('data-loading', 'false');
  const frame = page.locator('[data-chart="waiting-trend"]');
  for (const kind of ['png-screen', 'svg']) {
    await frame.getByTestId('export-menu').locator('summary').click();
    const download = page.waitForEvent('download');
    await frame.locator(`[data-export="${kind}"]`).click();
    const file = await download;
    expect((await file.path()) && file.suggestedFilename()).toMatch(kind === 'svg' ? /\.svg$/ : /\.png$/);
  }
  expect(await violations(page)).toEqual([]);
});
