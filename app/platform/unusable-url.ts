/**
 * One guard, in front of every route: a URL whose path or query holds U+0000 (PostgreSQL text
 * cannot store it) or percent-encoded bytes that are not UTF-8 (lone surrogates, truncated
 * sequences) can never name anything here, so the server answers 400 before any loader
 * turns it into a query. Forms get the same rule in parseForm (a field error, nothing lost).
 *
 * A bare "%" not followed by two hex digits is left alone: browsers send "50%" typed in the
 * address bar as is, and URLSearchParams reads it fine.
 */
const ENCODED_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

export function isUnusableUrl(url: string): boolean {
  if (url.includes("\u0000")) return true;
  for (const [run] of url.matchAll(ENCODED_RUN)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(run);
    } catch {
      return true;
    }
    if (decoded.includes("\u0000")) return true;
  }
  return false;
}
