// Finds a Chromium for Playwright: CHROMIUM_PATH first, then Debian's and other common locations.
// Playwright's own browser download cannot run on these machines, so we always pass executablePath.
import { existsSync } from 'node:fs';

export const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

// Flags measured to work in this headless setup (see shared/BROWSER.md): software WebGPU needs the unsafe
// flag; QUIC off avoids refused connections on a closed network.
export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--disable-quic'];
