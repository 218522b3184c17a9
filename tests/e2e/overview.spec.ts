import { expect, openApp, test } from './fixtures';

type Q = { __fairshare: { query: (sql: string) => Promise<Record<string, number | string>[]> } };

test('first visit shows the synthetic demo data and an Overview computed from it', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByTestId('demo-banner')).toContainText('synthetic');
  await expect(page.getByTestId('key-figures')).toBeVisible();

  // The same figures, computed independently in the test from the loaded tables.
  const [r] = await page.evaluate(() =>
    (window as unknown as Q).__fairshare.query(`
      WITH fy AS (SELECT fs_fy_of(max(referral_date)) AS fy FROM referrals)
      SELECT (SELECT count(*) FROM referrals, fy WHERE fs_fy_of(referral_date) = fy.fy)::INTEGER AS n,
        (SELECT median(first_contact_date - referral_date) FROM referrals, fy
          WHERE fs_fy_of(first_contact_date) = fy.fy AND first_contact_date >= referral_date)::DOUBLE AS wait`)
  );
  expect(Number(r!.n)).toBeGreaterThan(1000);
  await expect(page.getByTestId('fig-referrals')).toContainText(Number(r!.n).toLocaleString('en-GB'));
  await expect(page.getByTestId('fig-wait')).toContainText(`${Math.round(Number(r!.wait))} days`);
  await expect(page.getByTestId('gaps-table').locator('tbody tr')).toHaveCount(5);

  const [f] = await page.evaluate(() =>
    (window as unknown as Q).__fairshare.query(`SELECT sum(amount_gbp)::DOUBLE AS total FROM funding WHERE fy = (SELECT max(fy) FROM funding)`)
  );
  const total = Number(f!.total);
  const pounds = total >= 1e6 ? `£${(total / 1e6).toFixed(1)}m` : `£${(total / 1e3).toFixed(1)}k`;
  await expect(page.getByTestId('fig-funding')).toContainText(pounds);
});

test('demo data can be cleared and brought back', async ({ page }) => {
  await openApp(page, '/data/');
  await page.getByTestId('clear-all').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  // A cleared demo stays cleared on the next visit.
  await openApp(page, '/data/');
  await expect(page.getByTestId('count-referrals')).toHaveText('0');
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('count-referrals')).not.toHaveText('0');
});
