/**
 * Synthetic multilingual listings in the import format (Korean and English text, some Japanese
 * and Chinese, patents, valuations), deterministic for a given seed. Shared by
 * `npm run bench:import` and `npm run bench:load`.
 */
import { seededRandom } from "./random";
import { CONSULTING_KINDS, REGIONS, TECH_FIELDS, TRANSFER_MODES, VALUATION_METHODS } from "~/domain/taxonomy";

export function syntheticListingFactory({ organisations, publishedShare, seed = 20261123 }: { organisations: number; publishedShare: number; seed?: number }) {
  // Deterministic, so every run imports the same file.
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(items)))];

  const WORDS = {
    ko: ["고체", "전해질", "코팅", "공정", "양극재", "수명", "향상", "기술", "센서", "정밀", "제어", "저온", "합성", "나노", "구조", "효율", "장비", "검사", "자동화", "소재", "배터리", "반도체", "수소", "연료전지", "바이오", "진단"],
    en: ["solid", "electrolyte", "coating", "process", "cathode", "lifetime", "improved", "sensor", "precision", "control", "low-temperature", "synthesis", "nano", "structure", "efficiency", "equipment", "inspection", "automated", "material", "battery", "wafer", "hydrogen", "fuel-cell", "biomarker", "diagnostic", "module"],
    ja: ["固体", "電解質", "コーティング", "工程", "正極材", "寿命", "向上", "センサー", "精密", "制御", "低温", "合成", "ナノ", "構造", "効率", "装置", "検査", "自動化", "材料"],
    zh: ["固态", "电解质", "涂层", "工艺", "正极材料", "寿命", "提升", "传感器", "精密", "控制", "低温", "合成", "纳米", "结构", "效率", "设备", "检测", "自动化", "材料"],
  } as const;
  type Lang = keyof typeof WORDS;
  const sentence = (lang: Lang, words: number) => {
    const joiner = lang === "en" || lang === "ko" ? " " : "";
    return Array.from({ length: words }, () => pick(WORDS[lang])).join(joiner) + (lang === "en" ? "." : lang === "ko" ? "." : "。");
  };
  const paragraph = (lang: Lang, chars: number) => {
    let out = "";
    while (out.length < chars) out += (out ? " " : "") + sentence(lang, 6 + Math.floor(rnd() * 8));
    return out;
  };
  // About 4.5 KB of JSON per listing, so 10,000 fit the 50 MB file limit (the demo listings,
  // with longer texts, average 6.3 KB).
  const texts = (lang: Lang, n: number) => ({
    title: `${sentence(lang, 5).slice(0, -1)} ${n}`,
    summary: paragraph(lang, 80),
    problem: paragraph(lang, 130),
    solution: paragraph(lang, 180),
    advantages: paragraph(lang, 130),
    applications: paragraph(lang, 60),
  });
  const isoDay = (year: number) => `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;

  function syntheticListing(i: number) {
    const langs: Lang[] = ["ko", "en", ...(rnd() < 0.3 ? (["ja"] as const) : []), ...(rnd() < 0.2 ? (["zh"] as const) : [])];
    const usd = rnd() < 0.3;
    const min = Math.round((usd ? 50_000_00 : 50_000_000) * (1 + rnd() * 20));
    return {
      externalRef: `bench-${String(i).padStart(6, "0")}`,
      organisationExternalRef: `bench-org-${i % organisations}`,
      status: rnd() < publishedShare ? "published" : "draft",
      field: pick(TECH_FIELDS),
      trl: 1 + Math.floor(rnd() * 9),
      ipc: some(["H01M 10/0525", "H01L 21/02", "C01B 3/00", "G01N 33/48", "A61K 8/02", "B25J 9/16", "G06F 16/00"], 3),
      keywords: Object.fromEntries(langs.map((l) => [l, some(WORDS[l], 4)])),
      texts: Object.fromEntries(langs.map((l) => [l, texts(l, i)])),
      confidential: { ko: paragraph("ko", 80), en: paragraph("en", 80) },
      patents: Array.from({ length: Math.floor(rnd() * 4) }, (_, p) => ({
        number: `10-${2_000_000 + i * 4 + p}`,
        jurisdiction: pick(["KR", "US", "EP", "CN", "JP", "PCT"] as const),
        status: pick(["applied", "registered"] as const),
        title: sentence("en", 8),
        filedOn: isoDay(2018 + Math.floor(rnd() * 6)),
        expiresOn: rnd() < 0.5 ? isoDay(2040) : null,
      })),
      transferModes: some(TRANSFER_MODES, 2),
      askingMinMinor: min,
      askingMaxMinor: min * 2,
      currency: usd ? "USD" : "KRW",
      targetRegions: some(REGIONS, 3),
      targetCountries: some(["US", "DE", "JP", "VN", "CN", "SA"], 3),
      willTravel: rnd() < 0.5,
      valuation:
        rnd() < 0.6
          ? { method: pick(VALUATION_METHODS), lowMinor: min * 5, highMinor: min * 8, currency: usd ? "USD" : "KRW", valuedOn: "2026-03-10", validUntil: "2027-03-09", issuer: "Korea Technology Finance Corporation", certificateRef: `KOTEC-${i}`, verified: rnd() < 0.3 }
          : null,
      consultingNeeds: some(CONSULTING_KINDS, 2),
      workingLanguages: langs,
    };
  }

  return syntheticListing;
}
