/** Makes a search box's `%`, `_` and `\` literal in an `ILIKE` pattern rather than wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
