import { html, nothing, type TemplateResult } from 'lit';

/**
 * Said under the game when a recipe link's run trains on another backend than the one it was recorded on:
 * floating-point sums differ between backends, so the replay will not match the recorded run bit for bit.
 */
export function recipeBackendWarning(
  recorded: string | null,
  active: string | undefined,
): TemplateResult | typeof nothing {
  if (!recorded || !active || active === recorded) return nothing;
  return html`<p class="error" role="status" data-testid="recipe-backend">
    This run trains on ${active}; the recipe was recorded on ${recorded}, so it will not reproduce the
    recorded run exactly (floating-point sums differ between backends). Pick ${recorded} on the System page to
    replay it bit for bit.
  </p>`;
}
