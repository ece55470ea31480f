/**
 * Every locale has every key: the keys the code uses (written as "ns:key" literals) exist
 * in English, and every other locale has the same keys as English (plural forms checked
 * against the locale's own plural rules), with the same {{placeholders}}.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "~/domain/taxonomy";
import { NAMESPACES } from "~/i18n/config";

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(lng: string, ns: string): Tree {
  return JSON.parse(readFileSync(path.join("locales", lng, `${ns}.json`), "utf8")) as Tree;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const flat: Record<string, Map<string, string>> = Object.fromEntries(
  LOCALES.map((lng) => [lng, new Map<string, string>(NAMESPACES.flatMap((ns) => [...flatten(load(lng, ns))].map(([k, v]): [string, string] => [`${ns}:${k}`, v])))]),
);

function baseKeys(keys: Iterable<string>) {
  return new Set([...keys].map((k) => k.replace(PLURAL, "")));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(tsx?|ts)$/.test(name) && !/\.test\./.test(name) ? [full] : [];
  });
}

const KEY_LITERAL = new RegExp(`["'\`]((?:${NAMESPACES.join("|")}):[A-Za-z0-9_.]+)["'\`]`, "g");

describe("translations", () => {
  it("has every key the code uses, in English", () => {
    const used = new Set<string>();
    for (const file of sourceFiles("app")) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(KEY_LITERAL)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const english = baseKeys(flat.en!.keys());
    const missing = [...used].filter((k) => !english.has(k) && !flat.en!.has(k));
    expect(missing).toEqual([]);
  });

  it("has every taxonomy code labelled", async () => {
    const taxonomy = await import("~/domain/taxonomy");
    const groups: Record<string, readonly (string | number)[]> = {
      fields: taxonomy.TECH_FIELDS,
      transferModes: taxonomy.TRANSFER_MODES,
      certifications: taxonomy.CERTIFICATIONS,
      regions: taxonomy.REGIONS,
      consultingKinds: taxonomy.CONSULTING_KINDS,
      valuationMethods: taxonomy.VALUATION_METHODS,
      trl: taxonomy.TRL_LEVELS,
    };
    for (const lng of LOCALES) {
      for (const [group, codes] of Object.entries(groups)) {
        for (const code of codes) expect(flat[lng]!.get(`taxonomy:${group}.${code}`), `${lng} taxonomy:${group}.${code}`).toBeTruthy();
      }
    }
  });

  for (const lng of LOCALES.filter((l) => l !== "en")) {
    it(`${lng} has exactly the English keys, its plural forms and the same placeholders`, () => {
      const english = flat.en!;
      const mine = flat[lng]!;
      expect([...baseKeys(mine.keys())].sort()).toEqual([...baseKeys(english.keys())].sort());
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      for (const key of baseKeys(english.keys())) {
        if (![...english.keys()].some((k) => k === `${key}_other`)) continue;
        for (const c of categories) expect(mine.has(`${key}_${c}`), `${lng} ${key}_${c}`).toBe(true);
      }
      for (const [key, value] of english) {
        // Plural forms such as Arabic "zero" or "one" may spell the number out; their
        // placeholders are checked on the "other" form.
        if (PLURAL.test(key) && !key.endsWith("_other")) continue;
        const placeholders = [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        const translated = mine.get(key) ?? mine.get(key.replace(PLURAL, "_other"));
        expect(translated, `${lng} ${key}`).toBeTruthy();
        const theirs = [...new Set([...translated!.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
        expect(theirs, `${lng} ${key}`).toEqual([...new Set(placeholders)].sort());
      }
    });
  }
});
