/** Readable URL slugs from (preferably English) text, with a short random suffix for uniqueness. */
import slugify from "slugify";

export function makeSlug(text: string, suffix = randomSuffix()): string {
  const base = slugify(text, { lower: true, strict: true, trim: true }).slice(0, 60).replace(/-+$/g, "");
  return base ? `${base}-${suffix}` : suffix;
}

export function randomSuffix(length = 6): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}
