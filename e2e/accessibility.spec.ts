import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { ALL_ROUTES } from './support/all-routes';

// The audit needs no training: wasm skips the first visit's backend measurement on every page load.
test.use({ backend: 'wasm' });

// One page load and one axe run per route and theme; axe looks inside shadow DOM (every page is Lit).
for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${theme} theme`, () => {
    for (const route of ALL_ROUTES) {
      test(`${route} has no serious or critical violations`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/${route}`);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.getByRole('heading').first()).toBeVisible();
        // One level-1 heading names the page (screen-reader users jump to it).
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        // The DOM is the same in both themes: the dark audit checks only what the theme changes, colours.
        const builder = new AxeBuilder({ page });
        if (theme === 'dark') builder.withRules(['color-contrast', 'link-in-text-block']);
        const { violations } = await builder.analyze();
        const found = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => {
            const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' > '));
            return `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${targets.join(' | ')}`;
          });
        expect(found, `serious or critical axe violations on ${route} (${theme})`).toEqual([]);
      });
    }
  });
}
