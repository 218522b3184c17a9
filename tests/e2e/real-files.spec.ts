// Real ONS / MHCLG downloads from ../shared/reference, as an analyst would load them. Registered
// only when that folder exists: the project stands alone without it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, openApp, test } from './fixtures';

const geo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'reference', 'geography');
const population = path.join(geo, 'population_mid2020_lad21_broad_age_bands_ew.csv');
const imd = path.join(geo, 'imd2019_lad19_summary_england.csv');

if (existsSync(population) && existsSync(imd)) {
  test('ONS population then the IoD2019 summary: deprivation is added and vintage mismatches are explained', async ({ page }) => {
    await openApp(page, '/data/');
    await page.getByTestId('file-input').setInputFiles(population);
    const pop = page.locator('[data-testid="file-card"][data-file="population_mid2020_lad21_broad_age_bands_ew.csv"]');
    await expect(pop.getByTestId('kind-select')).toHaveValue('population');
    await pop.getByTestId('load-button').click();
    await expect(pop.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('count-population')).toHaveText('331');

    await page.getByTestId('file-input').setInputFiles(imd);
    const dep = page.locator('[data-testid="file-card"][data-file="imd2019_lad19_summary_england.csv"]');
    // No population column: the app proposes adding the columns to the loaded table.
    await expect(dep.getByTestId('mode-merge')).toBeChecked();
    await dep.getByTestId('load-button').click();
    await expect(dep.getByTestId('load-report')).toHaveAttribute('data-ok', 'true');
    const unmatched = dep.getByTestId('unmatched');
    await expect(unmatched).toContainText('boundary vintages');
    // Buckinghamshire's 2019 districts are not in the 2021 population file, and vice versa.
    await expect(unmatched).toContainText('E07000004');
    await expect(unmatched).toContainText('E06000060');
    const [blackpool] = await page.evaluate(() =>
      (window as unknown as { __fairshare: { query: (s: string) => Promise<{ imd_score: number }[]> } }).__fairshare.query(
        `SELECT imd_score FROM population WHERE area_code = 'E06000009'`
      )
    );
    expect(blackpool!.imd_score).toBeGreaterThan(45);
  });
}
