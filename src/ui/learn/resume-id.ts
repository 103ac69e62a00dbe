/** The checkpoint id of a `resume/<id>` section route (['resume', '<id>']), decoded; null otherwise. */
export function resumeIdOf(route: readonly string[]): string | null {
  const [action, id] = route;
  if (action !== 'resume' || !id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
