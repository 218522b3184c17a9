// Honest sources: once the user's files replace some demo tables, the banner, the Data page and the
// source lines name the mix, and a figure that sets demo population against the user's funding says
// so beside the map.
import { expect, loadFixture as load, openApp, test } from './fixtures';

test('replacing the demo referrals names the mix in the banner, the Data page and the source lines', async ({ page }) => {
  await openApp(page, '/data/');
  await expect(page.getByTestId('demo-banner')).toContainText('Demo data.');
  await load(page, 'referrals-excel-messy.csv');
  const banner = page.getByTestId('demo-banner');
  await expect(banner).toContainText('Mixed data.');
  await expect(banner).toContainText('Your files: referrals.');
  await expect(banner).toContainText(/Still synthetic demo data:\s+.*funding/);
  await expect(banner).not.toContainText('Every figure here is synthetic');
  await expect(page.locator('[data-table="referrals"] [data-testid="source-origin"]')).toHaveText(/your file/);
  await expect(page.locator('[data-table="funding"] [data-testid="source-origin"]')).toHaveText(/synthetic demo data/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('overview-source')).toContainText('a mix of your files and synthetic demo data: referrals-excel-messy.csv (loaded');
  await expect(page.getByTestId('overview-source')).toContainText(': Fairshare synthetic demo data (not real)');
  await expect(page.getByTestId('coverage-warning')).toContainText('synthetic demo data but referrals comes from your files');
});

test('the user funding against the demo population: a warning beside the map', async ({ page }) => {
  await openApp(page, '/data/');
  await load(page, 'funding-ledger.csv');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-measure', 'dft');
  const warning = page.locator('.map-col').getByTestId('coverage-warning');
  await expect(warning).toContainText('Population is synthetic demo data but funding comes from your files');
  // The funding names areas the demo population does not have, or leaves some out: said in numbers.
  const sql = await page.evaluate(async () => {
    const q = (window as unknown as { __fairshare: { query(s: string): Promise<{ n: number }[]> } }).__fairshare.query;
    const [a] = await q(`SELECT count(DISTINCT area_code)::INTEGER AS n FROM funding WHERE area_code NOT IN (SELECT area_code FROM population)`);
    const [b] = await q(`SELECT count(*)::INTEGER AS n FROM population WHERE area_code NOT IN (SELECT area_code FROM funding)`);
    return { notInPopulation: a!.n, noFunding: b!.n };
  });
  if (sql.notInPopulation) await expect(warning).toContainText(`${sql.notInPopulation} area`);
  if (sql.noFunding) await expect(warning).toContainText(`${sql.noFunding} area${sql.noFunding === 1 ? '' : 's'} of the`);
  expect(sql.notInPopulation + sql.noFunding).toBeGreaterThan(0);
  await expect(page.getByTestId('map-source')).toContainText('a mix of your files and synthetic demo data: funding-ledger.csv');
});
