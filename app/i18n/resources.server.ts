/**
 * Loads every locales/<lng>/<ns>.json once per process and fingerprints them, so the
 * browser can fetch a namespace by a versioned URL and never keep a stale copy.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import { NAMESPACES } from "./config";

export type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

let loaded: { resources: Resources; version: string } | undefined;

export function localesDir() {
  return path.resolve(process.env.LOCALES_DIR ?? "locales");
}

export function loadResources() {
  if (loaded) return loaded;
  const hash = createHash("sha256");
  const resources = {} as Resources;
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const ns of NAMESPACES) {
      const file = path.join(localesDir(), lng, `${ns}.json`);
      let text = "{}";
      try {
        text = readFileSync(file, "utf8");
      } catch {
        // A missing file shows up as missing keys in tests/i18n, not as a crash here.
      }
      hash.update(`${lng}/${ns}:${text}`);
      resources[lng][ns] = JSON.parse(text) as Record<string, unknown>;
    }
  }
  loaded = { resources, version: hash.digest("hex").slice(0, 12) };
  return loaded;
}
