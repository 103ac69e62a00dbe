/**
 * Text search shared by the map and the resources list: case- and accent-insensitive, every word of the
 * query must appear somewhere in the item's text (so adding words narrows the result).
 */

/** Lower-cases and strips accents, so "francois" finds "François" and "GERON" finds "Géron". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The words of a query, folded; punctuation other than letters, digits, '+', '#', '-' and '/' splits words. */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}+#/-]+/u)
    .filter((word) => word.length > 0);
}

/** True when every word of the query occurs in at least one of the fields (an empty query matches all). */
export function matchesQuery(fields: readonly string[], query: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const text = foldText(fields.join(' \u0000 '));
  return words.every((word) => text.includes(word));
}
