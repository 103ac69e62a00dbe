import { test, expect } from './fixtures';

// The subject is "auto" in a browser that has measured nothing yet: the fixture's default preference is kept.

/** The fastest backend of the stored measurement for a network size, read from the page's storage. */
function storedFastest(profileKey: string): string | null {
  // Stored as [key, measurement] pairs (see src/storage/settings.ts).
  const pairs = JSON.parse(localStorage.getItem('pg.backendMeasurements.v2') ?? '[]') as [
    string,
    { profileKey: string; stepMs: Record<string, number> },
  ][];
  const entry = pairs.map(([, m]) => m).find((m) => m.profileKey === profileKey);
  if (!entry) return null;
  const sorted = Object.entries(entry.stepMs).sort((a, b) => a[1] - b[1]);
  return sorted[0]?.[0] ?? null;
}

test('a first run trains at once on the typed-array engine, the backends are measured beside it, and the next run uses the measurement', async ({
  page,
}) => {
  // Two runs and a measurement of every backend (WebGPU and WebGL emulated on the CPU): minutes under load.
  test.setTimeout(480_000);
  const profileKey = 'mlp-4-32-32-2-b128'; // CartPole's preset Q-network: 4-32-32-2, batch 128
  await page.goto('/#/arena');
  const stats = page.getByTestId('stats');
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 60_000 });
  await expect(stats).toHaveAttribute('data-backend', 'js');
  const why = page.getByTestId('backend-why');
  await expect(why).toContainText('the default for small networks');
  await expect(why).toContainText('the fastest is used from the next run on');
  // Gradient steps run while the other backends are timed in a worker of their own.
  await expect
    .poll(async () => Number(await stats.getAttribute('data-gradient-steps')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(storedFastest, profileKey), { timeout: 240_000 }).not.toBeNull();
  const fastest = await page.evaluate(storedFastest, profileKey);

  // The next visit picks the measured fastest at once, and says where that came from.
  await page.reload();
  await page.getByTestId('train').click();
  await expect(stats).toHaveAttribute('data-status', 'training', { timeout: 60_000 });
  await expect(stats).toHaveAttribute('data-backend', fastest!);
  await expect(why).toContainText('from this device’s measurement of this size');
});
