/**
 * Glossary loading/validation, query matching, Meilisearch synonyms and stats —
 * on the test fixture, plus a validity check of the real data when present.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCALES } from "../app/domain/taxonomy";
import { DEFAULT_GLOSSARY_DIR, GlossaryError, MAX_SYNONYMS_PER_TERM, buildMeiliSynonyms, glossaryStats, loadGlossary } from "./glossary";
import { analyze } from "./tokenize";

const FIXTURE_DIR = path.join(import.meta.dirname, "__fixtures__");

const concept = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  field: "battery",
  terms: { ko: ["배터리"], en: ["battery"], ja: ["電池"], zh: ["电池"], vi: ["pin"], es: ["batería"], ar: ["بطارية"] },
  ...overrides,
});

let tempDirs: string[] = [];
async function dirWith(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "glossary-"));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
  tempDirs = [];
});

describe("loadGlossary", () => {
  it("loads and merges every JSON file of the directory", async () => {
    const dir = await dirWith({ "a.json": [concept("a")], "b.json": [concept("b", { field: "semiconductor" })], "notes.txt": "ignored" });
    const glossary = await loadGlossary(dir);
    expect(glossary.concepts.map((c) => c.id)).toEqual(["a", "b"]);
  });

  it("rejects malformed files naming the file and the offending path", async () => {
    const missingLanguage = await dirWith({ "bad.json": [concept("x", { terms: { ko: ["배터리"], en: ["battery"] } })] });
    await expect(loadGlossary(missingLanguage)).rejects.toThrow(/bad\.json: 0\.terms\.ja/);
    const emptyTerm = await dirWith({ "bad.json": [concept("x", { terms: { ...concept("x").terms, en: [" "] } })] });
    await expect(loadGlossary(emptyTerm)).rejects.toThrow(GlossaryError);
    const notJson = await dirWith({ "bad.json": "[{" });
    await expect(loadGlossary(notJson)).rejects.toThrow(/invalid JSON/);
  });

  it("rejects duplicate concept ids across files", async () => {
    const dir = await dirWith({ "a.json": [concept("same")], "b.json": [concept("same")] });
    await expect(loadGlossary(dir)).rejects.toThrow(/duplicate concept id "same"/);
  });

  it("yields an empty glossary when the directory does not exist", async () => {
    const glossary = await loadGlossary(path.join(os.tmpdir(), "no-such-glossary-dir"));
    expect(glossary.concepts).toEqual([]);
  });
});

describe("matching a query", () => {
  it("finds single terms, multi-word phrases and Korean terms with particles", async () => {
    const glossary = await loadGlossary(FIXTURE_DIR);
    const ids = (q: string) => glossary.match(analyze(q)).map((m) => [m.start, m.end, m.conceptIds.join()]);
    expect(ids("pin")).toEqual([[0, 1, "battery"]]);
    expect(ids("new solid-state battery design")).toEqual([[1, 4, "solid_state_battery"]]);
    expect(ids("배터리의 수명")).toEqual([[0, 1, "battery"]]);
    expect(ids("ban dan")).toEqual([[0, 2, "semiconductor"]]);
  });

  it("matches CJK terms whatever the spacing or segmentation", async () => {
    const glossary = await loadGlossary(FIXTURE_DIR);
    expect(glossary.match(analyze("리튬이온배터리"))[0]?.conceptIds).toEqual(["lithium_ion_battery"]);
    expect(glossary.match(analyze("リチウムイオン電池"))[0]?.conceptIds).toEqual(["lithium_ion_battery"]);
  });

  it("expands a term to every term of its concept in all languages", async () => {
    const glossary = await loadGlossary(FIXTURE_DIR);
    expect(glossary.expand("Battery")).toEqual(expect.arrayContaining(["배터리", "battery", "電池", "电池", "pin", "batería", "بطارية"]));
    expect(glossary.expansions.get("battery")).toEqual(glossary.expand("battery"));
    expect(glossary.expand("unknown words")).toEqual([]);
  });
});

describe("one-way terms", () => {
  it("lead to their concept but are never searched for it", async () => {
    const glossary = await loadGlossary(await dirWith({ "a.json": [concept("battery", { oneWay: ["pin"] })] }));
    expect(glossary.expand("pin")).toEqual(expect.arrayContaining(["battery", "배터리"]));
    expect(glossary.expand("battery")).not.toContain("pin");
    const synonyms = buildMeiliSynonyms(glossary);
    expect(synonyms["pin"]).toEqual(expect.arrayContaining(["battery", "배터리"]));
    expect(synonyms["battery"]).not.toContain("pin");
  });

  it("must be terms of the concept", async () => {
    const dir = await dirWith({ "a.json": [concept("battery", { oneWay: ["pen"] })] });
    await expect(loadGlossary(dir)).rejects.toThrow(/oneWay\.0: "pen" is not one of the concept's terms/);
  });

  it("the production glossary no longer sends an English 'battery' query to the word 'pin'", async () => {
    const glossary = await loadGlossary(DEFAULT_GLOSSARY_DIR);
    expect(glossary.expand("battery")).not.toContain("pin");
    expect(glossary.expand("pin")).toContain("battery");
  });
});

describe("buildMeiliSynonyms", () => {
  it("maps each term to the other terms of its concept, lowercased", async () => {
    const synonyms = buildMeiliSynonyms(await loadGlossary(FIXTURE_DIR));
    expect(synonyms["pin"]).toEqual(expect.arrayContaining(["battery", "배터리", "電池"]));
    expect(synonyms["pin"]).not.toContain("pin");
    expect(synonyms["oled"]).toBeDefined();
    expect(synonyms["OLED"]).toBeUndefined();
  });

  it("caps alternatives per term but keeps every language represented", async () => {
    const many = Object.fromEntries(LOCALES.map((l) => [l, Array.from({ length: 6 }, (_, i) => `${l}-term-${i}`)]));
    const glossary = await loadGlossary(await dirWith({ "a.json": [concept("big", { terms: many })] }));
    const synonyms = buildMeiliSynonyms(glossary);
    expect(synonyms["en-term-0"]).toHaveLength(MAX_SYNONYMS_PER_TERM);
    for (const locale of LOCALES) expect(synonyms["en-term-0"].some((s) => s.startsWith(`${locale}-`))).toBe(true);
  });
});

describe("glossaryStats", () => {
  it("reports concept count and per-language coverage", async () => {
    const terms = { ...concept("x").terms, ar: [] };
    const glossary = await loadGlossary(await dirWith({ "a.json": [concept("a"), concept("b", { terms, field: "nonsense" })] }));
    expect(glossaryStats(glossary)).toMatchObject({ concepts: 2, complete: 1, unknownFields: ["b"], coverage: { ko: 2, ar: 1 } });
  });
});

describe("the real glossary (search/glossary)", () => {
  it("loads, validates and has every concept in all seven languages", async () => {
    const stats = glossaryStats(await loadGlossary(DEFAULT_GLOSSARY_DIR));
    expect(stats.unknownFields).toEqual([]);
    expect(stats.complete).toBe(stats.concepts);
  });
});
