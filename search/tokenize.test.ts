/**
 * The tokenizer's per-script rules, and the highlighter built on them.
 */
import { describe, expect, it } from "vitest";
import { highlightText, segmentsFromMarkers } from "./highlight";
import { analyze, bigrams, normalize, singularForms, stripDiacritics, stripKoreanParticle, tokenize } from "./tokenize";

describe("normalize", () => {
  it("applies NFKC and lowercases", () => {
    expect(normalize("ＡＢＣ１２３ Lithium")).toBe("abc123 lithium");
    expect(normalize("ｶﾞ")).toBe("ガ"); // half-width katakana
  });

  it("removes Arabic tashkeel and tatweel, unifies alef forms, maps Arabic-Indic digits", () => {
    expect(normalize("بَطَّارِيَّة")).toBe("بطارية");
    expect(normalize("بطـــارية")).toBe("بطارية");
    expect(normalize("أإآ")).toBe("ااا");
    expect(normalize("١٢٣")).toBe("123");
  });
});

describe("Latin-script words", () => {
  it("splits on non-letters and keeps digits", () => {
    expect(tokenize("Lithium-ion BATTERY, 18650 cells (4.2V)")).toEqual(["lithium", "ion", "battery", "18650", "cells", "cell", "4", "2v"]);
  });

  it("keeps Vietnamese diacritics and adds the stripped variant", () => {
    const tokens = tokenize("Bán dẫn công suất");
    expect(tokens).toEqual(expect.arrayContaining(["bán", "ban", "dẫn", "dan", "công", "cong", "suất", "suat"]));
    expect(stripDiacritics("điện")).toBe("dien");
    expect(tokenize("ban dan")).toEqual(["ban", "dan"]);
  });

  it("treats decomposed (NFD) input like composed input", () => {
    expect(tokenize("bán dẫn".normalize("NFD"))).toEqual(tokenize("bán dẫn"));
  });

  it("strips Spanish accents as a variant too", () => {
    expect(tokenize("batería")).toEqual(["batería", "bateria"]);
  });
});

describe("Hangul", () => {
  it("emits the word and its character bigrams", () => {
    expect(tokenize("배터리")).toEqual(["배터리", "배터", "터리"]);
    expect(tokenize("전지")).toEqual(["전지"]);
    expect(bigrams("반도체")).toEqual(["반도", "도체"]);
  });

  it("strips a trailing particle as an extra token, sharing bigrams with the bare noun", () => {
    const withParticle = tokenize("배터리의");
    expect(withParticle).toEqual(expect.arrayContaining(["배터리의", "배터리", "배터", "터리"]));
    for (const [word, stem] of [
      ["반도체를", "반도체"],
      ["공정에서", "공정"],
      ["소재으로", "소재"],
      ["장비와", "장비"],
      ["반도체용", "반도체"],
      ["기술은", "기술"],
    ]) {
      expect(stripKoreanParticle(word)).toBe(stem);
    }
  });

  it("never strips down to a single syllable", () => {
    expect(stripKoreanParticle("수도")).toBeUndefined();
    expect(stripKoreanParticle("도")).toBeUndefined();
  });

  it("splits Hangul from adjacent Latin and digits", () => {
    expect(tokenize("18650배터리")).toEqual(expect.arrayContaining(["18650", "배터리"]));
  });

  it("analyzes query words with stem forms and stem bigrams", () => {
    const [word] = analyze("배터리의");
    expect(word).toMatchObject({ script: "hangul", forms: ["배터리의", "배터리"], grams: ["배터", "터리"], base: "배터리" });
  });
});

describe("Japanese and Chinese", () => {
  it("segments Japanese words and adds run bigrams, dropping one-kana particles", () => {
    const tokens = tokenize("リチウムイオン電池の高速充電");
    expect(tokens).toEqual(expect.arrayContaining(["リチウム", "イオン", "電池", "高速", "充電", "リチ", "池の"]));
    expect(tokens).not.toContain("の");
  });

  it("segments Chinese text without spaces", () => {
    expect(tokenize("高能量密度锂离子电池")).toEqual(expect.arrayContaining(["能量", "密度", "锂", "离子", "电池", "子电"]));
  });

  it("analyzes a query without spaces into words with bigrams", () => {
    expect(analyze("半導体洗浄").map((w) => [w.surface, w.grams])).toEqual([
      ["半導体", ["半導", "導体"]],
      ["洗浄", ["洗浄"]],
    ]);
  });

  it("a query's bigrams are a subset of the document's", () => {
    const doc = new Set(tokenize("半導体製造装置向けウェーハ洗浄技術"));
    for (const word of analyze("半導体装置")) for (const gram of word.grams) expect(doc.has(gram)).toBe(true);
  });
});

describe("Arabic", () => {
  it("emits words and the article-less variant", () => {
    expect(tokenize("البطارية الليثيوم")).toEqual(["البطارية", "بطارية", "الليثيوم", "ليثيوم"]);
    expect(tokenize("بالهيدروجين")).toEqual(["بالهيدروجين", "هيدروجين"]);
  });

  it("ignores tashkeel", () => {
    expect(tokenize("بَطَّارِيَّة")).toEqual(["بطارية"]);
  });
});

describe("highlightText", () => {
  const join = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

  it("marks matched Latin words, case and punctuation preserved", () => {
    const text = "Fast-charging LITHIUM-ion packs";
    const segments = highlightText(text, new Set(["lithium", "charging"]));
    expect(join(segments)).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["charging", "LITHIUM"]);
  });

  it("marks Hangul words by form or by matched bigrams inside compounds", () => {
    expect(highlightText("배터리의 성능", new Set(["배터리"]))).toEqual([
      { text: "배터리의", match: true },
      { text: " 성능", match: false },
    ]);
    expect(highlightText("리튬이온배터리를", new Set(["배터", "터리"]))).toEqual([
      { text: "리튬이온", match: false },
      { text: "배터리", match: true },
      { text: "를", match: false },
    ]);
  });

  it("marks Vietnamese words matched through the stripped variant", () => {
    const segments = highlightText("Bán dẫn", new Set(["ban"]));
    expect(segments).toEqual([
      { text: "Bán", match: true },
      { text: " dẫn", match: false },
    ]);
  });

  it("keeps the original text for full-width and Arabic input", () => {
    const text = "ＳｉＣ بَطَّارِيَّة";
    const segments = highlightText(text, new Set(["sic", "بطارية"]));
    expect(join(segments)).toBe(text);
    expect(segments.every((s) => s.match || s.text === " ")).toBe(true);
  });

  it("returns one plain segment when nothing matched", () => {
    expect(highlightText("plain", new Set())).toEqual([{ text: "plain", match: false }]);
  });
});

describe("segmentsFromMarkers", () => {
  it("splits Meilisearch-formatted text on the markers", () => {
    expect(segmentsFromMarkers("a \uE000b\uE001 c \uE000d\uE001", "\uE000", "\uE001")).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
      { text: " c ", match: false },
      { text: "d", match: true },
    ]);
  });

  it("treats an unterminated marker as plain text", () => {
    expect(segmentsFromMarkers("x \uE000y", "\uE000", "\uE001")).toEqual([{ text: "x y", match: false }]);
  });
});

describe("singular forms", () => {
  it.each([
    ["batteries", ["battery"]],
    ["cells", ["cell"]],
    ["plates", ["plate"]],
    ["switches", ["switche", "switch"]],
    ["processes", ["processe", "process"]],
    ["sensores", ["sensore", "sensor"]],
    ["baterias", ["bateria"]],
  ])("%s → %j", (word, expected) => {
    expect(singularForms(word)).toEqual(expected);
  });

  it.each(["glass", "status", "analysis", "gas", "bus", "oled", "h2s", "battery"])("leaves %s alone", (word) => {
    expect(singularForms(word)).toEqual([]);
  });

  it("adds the singulars as forms of the word, for indexing and queries alike", () => {
    expect(tokenize("Lithium-ion batteries")).toEqual(["lithium", "ion", "batteries", "battery"]);
    expect(analyze("baterías")[0]).toMatchObject({ forms: ["baterías", "baterias", "bateria"], base: "bateria" });
    expect(analyze("modules")[0]).toMatchObject({ forms: ["modules", "module", "modul"], base: "module" });
  });
});
