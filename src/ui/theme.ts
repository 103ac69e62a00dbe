/** Applies the theme preference to <html data-theme>, following the system when asked to. */
import { loadThemePreference, saveThemePreference, type ThemePreference } from '../storage/settings';

const darkQuery = (): MediaQueryList | undefined => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

export function resolveTheme(preference: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

export function applyTheme(preference: ThemePreference): 'light' | 'dark' {
  const resolved = resolveTheme(preference, darkQuery()?.matches ?? false);
  document.documentElement.dataset.theme = resolved;
  return resolved;
}

export function nextThemePreference(current: ThemePreference): ThemePreference {
  return current === 'system' ? 'light' : current === 'light' ? 'dark' : 'system';
}

/** Sets the theme now and re-applies it whenever the system switches, while the preference is "system". */
export function initTheme(): ThemePreference {
  const preference = loadThemePreference();
  applyTheme(preference);
  darkQuery()?.addEventListener('change', () => applyTheme(loadThemePreference()));
  return preference;
}

export function setThemePreference(preference: ThemePreference): void {
  saveThemePreference(preference);
  applyTheme(preference);
}
