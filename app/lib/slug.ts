/** Readable URL slugs from (preferably English) text, with a short random suffix for uniqueness. */
import slugify from "slugify";

export function makeSlug(text: string, suffix = randomSuffix()): string {
  const full = slugify(text, { lower: true, strict: true, trim: true });
  // Cut at a word boundary so the slug stays readable.
  const cut = full.length <= 60 ? full : full.slice(0, 61).replace(/-[^-]*$/, "");
  const base = cut.replace(/-+$/g, "");
  return base ? `${base}-${suffix}` : suffix;
}

export function randomSuffix(length = 6): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}
