/** Scoring rules, reasons in the viewer's language, query planning and unsubscribe tokens (no database). */
import { loadGlossary } from "@search/glossary";
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18n/i18n.server";
import { renderReasons } from "./reasons.server";
import { planQueries } from "./relevance.server";
import { budgetFit, combineScore, ipcSubclass, MIN_MATCH_SCORE, STRONG_MATCH_SCORE, structuredFit, trlFit, type ListingFacts, type NeedFacts } from "./score";
import { unsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe.server";

const need: NeedFacts = {
  fields: ["battery"],
  ipcCodes: ["H01M 4/131"],
  trlMin: 6,
  trlMax: 8,
  budgetMinMinor: 50_000_000n, // USD 500k
  budgetMaxMinor: 300_000_000n, // USD 3M
  currency: "USD",
  transferModes: ["non_exclusive_license", "technical_assistance"],
  targetRegion: "north_america",
};
const listing: ListingFacts = {
  field: "battery",
  ipcCodes: ["H01M 4/525", "C01G 53/50"],
  trl: 7,
  askingMinMinor: 1_380_000_000n, // ₩1.38bn ≈ USD 1M
  askingMaxMinor: 2_760_000_000n, // ≈ USD 2M
  askingCurrency: "KRW",
  transferModes: ["non_exclusive_license", "technical_assistance", "joint_venture"],
  targetRegions: ["north_america", "europe"],
};

describe("structured fit", () => {
  it("gives a listing that fits every constraint full marks, with one reason per criterion", () => {
    const fit = structuredFit(need, listing);
    expect(fit.score).toBeCloseTo(1, 5);
    expect(fit.reasons.map((r) => r.code)).toEqual(["field", "ipc", "trlWithin", "budgetWithin", "modes", "region"]);
    expect(fit.reasons.find((r) => r.code === "ipc")?.params).toEqual({ classes: ["H01M"] });
  });

  it("converts KRW asking prices to USD before comparing with the budget", () => {
    expect(budgetFit(need, listing)?.reason).toEqual({ code: "budgetWithin", params: { askingMinUsd: 1_000_000, askingMaxUsd: 2_000_000, budgetMinUsd: 500_000, budgetMaxUsd: 3_000_000 } });
    expect(budgetFit(need, { ...listing, askingMinMinor: 2_760_000_000n, askingMaxMinor: 5_520_000_000n })?.reason.code).toBe("budgetOverlap");
    expect(budgetFit(need, { ...listing, askingMinMinor: 138_000_000n, askingMaxMinor: 276_000_000n })?.reason.code).toBe("budgetBelow");
    const above = budgetFit(need, { ...listing, askingMinMinor: 6_900_000_000n, askingMaxMinor: 8_280_000_000n })!;
    expect(above.reason.code).toBe("budgetAbove");
    expect(above.score).toBeCloseTo(1 - (5_000_000 / 3_000_000 - 1), 5);
    expect(budgetFit(need, { ...listing, askingMinMinor: null, askingMaxMinor: null })).toBeNull();
    expect(budgetFit({ ...need, budgetMinMinor: null, budgetMaxMinor: null }, listing)).toBeNull();
  });

  it("scores TRL inside, below and above the range", () => {
    expect(trlFit(need, { ...listing, trl: 6 })).toEqual({ score: 1, reason: { code: "trlWithin", params: { trl: 6, min: 6, max: 8 } } });
    expect(trlFit(need, { ...listing, trl: 4 }).score).toBeCloseTo(1 / 3, 5);
    expect(trlFit(need, { ...listing, trl: 4 }).reason.code).toBe("trlBelow");
    expect(trlFit(need, { ...listing, trl: 9 })).toMatchObject({ score: 0.8, reason: { code: "trlAbove" } });
  });

  it("loses the field, modes and region criteria when they do not match, and leaves out what the need leaves open", () => {
    const other = structuredFit(need, { ...listing, field: "cosmetics", ipcCodes: ["A61K 8/67"], transferModes: ["assignment"], targetRegions: ["europe"] });
    expect(other.fieldOverlap).toBe(false);
    expect(other.reasons.map((r) => r.code)).toEqual(["trlWithin", "budgetWithin"]);
    expect(other.score).toBeCloseTo((0.25 + 0.15) / (0.3 + 0.15 + 0.25 + 0.15 + 0.1 + 0.05), 5);
    const open = structuredFit({ ...need, ipcCodes: [], targetRegion: null, transferModes: [] }, listing);
    expect(open.reasons.map((r) => r.code)).toEqual(["field", "trlWithin", "budgetWithin"]);
    expect(ipcSubclass(" h01m 10/0525")).toBe("H01M");
  });
});

describe("combined score", () => {
  const text = { score: 0.9, concepts: ["battery.cathode_material"], words: ["coating"] };
  it("scales the text relevance by the structured fit and puts the shared topics first", () => {
    const { score, reasons } = combineScore(text, structuredFit(need, listing), need);
    expect(score).toBeCloseTo(0.9, 3);
    expect(score).toBeGreaterThanOrEqual(STRONG_MATCH_SCORE);
    expect(reasons[0]).toEqual({ code: "topics", params: { concepts: ["battery.cathode_material"], words: ["coating"], lang: "" } });
  });

  it("keeps a listing that fits the constraints but not the topic below the minimum", () => {
    const { score } = combineScore({ score: 0.1, concepts: [], words: [] }, structuredFit(need, listing), need);
    expect(score).toBeLessThan(MIN_MATCH_SCORE);
  });

  it("weakens a listing of another field even with the same words", () => {
    const same = combineScore(text, structuredFit(need, listing), need).score;
    const other = combineScore(text, structuredFit(need, { ...listing, field: "cosmetics" }), need).score;
    expect(other).toBeLessThan(same * 0.7);
  });
});

describe("reasons in the viewer's language", () => {
  it("renders the same stored reasons in English, Korean and Arabic, naming glossary topics in that language", async () => {
    const glossary = await loadGlossary();
    const { reasons } = combineScore({ score: 1, concepts: ["battery.secondary_battery"], words: [] }, structuredFit(need, listing), need);
    const en = renderReasons(await getFixedT("en", "matching", "taxonomy"), glossary, reasons, "en");
    expect(en).toEqual([
      "shared topics: secondary battery",
      "same field: Secondary batteries",
      "same IPC class: H01M",
      "TRL 7 within 6–8",
      "asking range within budget ($1M–$2M in $500K–$3M)",
      "transfer modes offered: Non-exclusive licence, Technical assistance",
      "targets North America",
    ]);
    expect(en[0]).toBe("shared topics: secondary battery");
    expect(en[3]).toBe("TRL 7 within 6–8");
    const ko = renderReasons(await getFixedT("ko", "matching", "taxonomy"), glossary, reasons, "ko");
    expect(ko[0]).toBe("공통 주제: 이차전지");
    expect(ko[5]).toBe("가능한 이전 방식: 통상실시권, 기술 지도");
    const ja = renderReasons(await getFixedT("ja", "matching", "taxonomy"), glossary, reasons, "ja");
    expect(ja[1]).toBe("同じ分野：二次電池");
    // Plain words are in the need's language: an English need's words reach English readers only.
    const topics = { code: "topics" as const, params: { concepts: ["battery.cathode_material"], words: ["coating", "cathode"], lang: "en" } };
    expect(renderReasons(await getFixedT("en", "matching", "taxonomy"), glossary, [topics], "en")[0]).toMatch(/^shared topics: .*cathode.*, coating$/);
    expect(renderReasons(await getFixedT("ko", "matching", "taxonomy"), glossary, [topics], "ko")[0]).toBe("공통 주제: 양극재");
    expect(ko[3]).toBe("TRL 7, 요청 범위 6–8 이내");
    const ar = renderReasons(await getFixedT("ar", "matching", "taxonomy"), glossary, reasons, "ar");
    expect(ar[0]).toContain("بطارية");
    expect(renderReasons(await getFixedT("en", "matching", "taxonomy"), glossary, "not a list", "en")).toEqual([]);
  });
});

describe("query planning", () => {
  it("turns a need into glossary concepts and significant words, dropping deal vocabulary and filler", async () => {
    const glossary = await loadGlossary();
    const planned = planQueries(glossary, "Cathode coating for a lithium-ion battery", "We are looking for a licence of a surface coating process. Technology transfer with technical assistance is preferred.");
    const concepts = planned.filter((p) => p.concept).map((p) => p.concept);
    expect(concepts).toContain("battery.lithium_ion_battery");
    expect(concepts.some((c) => c!.startsWith("general."))).toBe(false);
    const words = planned.filter((p) => p.word).map((p) => p.word);
    expect(words).not.toContain("looking");
    expect(words).not.toContain("technology");
    const title = planned.find((p) => p.concept === "battery.lithium_ion_battery")!;
    const fromDescription = planned.find((p) => p.word === "process");
    expect(title.weight).toBeGreaterThan(fromDescription?.weight ?? 0);
  });

  it("drops Japanese particles and single kanji but keeps technical words", async () => {
    const glossary = await loadGlossary();
    const words = planQueries(glossary, "食品工場向けのロボットハンド", "").map((p) => p.q);
    expect(words).not.toContain("の");
    expect(words).not.toContain("向け");
    expect(words.join(" ")).toMatch(/ロボット|ハンド|食品/);
  });
});

describe("unsubscribe tokens", () => {
  it("verifies a genuine token and refuses any alteration", () => {
    const token = unsubscribeToken({ userId: "user_1", scope: "matches" });
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: "user_1", scope: "matches" });
    const search = unsubscribeToken({ userId: "user_1", scope: "search", savedSearchId: "ss_9" });
    expect(verifyUnsubscribeToken(search)).toEqual({ userId: "user_1", scope: "search", savedSearchId: "ss_9" });
    const [payload, signature] = token.split(".") as [string, string];
    const forgedPayload = Buffer.from(JSON.stringify(["user_2", "matches", ""])).toString("base64url");
    expect(verifyUnsubscribeToken(`${forgedPayload}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${payload}.${signature.slice(0, -2)}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${payload}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(verifyUnsubscribeToken(payload)).toBeNull();
    expect(verifyUnsubscribeToken("")).toBeNull();
    expect(verifyUnsubscribeToken("not.a-token")).toBeNull();
  });
});
