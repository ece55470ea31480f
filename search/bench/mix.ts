/**
 * The data shape and query mix of `npm run bench:search`, shared with its in-process
 * profile (`search/bench/query-mix.ts`) so both measure the same thing: texts copied from the
 * demo listings in ko/en/ja/zh/vi with glossary terms mixed in, and a fixed mix of queries.
 */
import { readFileSync } from "node:fs";

/** ko/en/ja/zh/vi words, typos and particles, with and without facets. */
export const SEARCH_QUERY_MIX = [
  "q=battery",
  "q=배터리의",
  "q=반도체를&field=semiconductor",
  "q=二次電池",
  "q=电池&trlMin=6",
  "q=pin&lng=vi",
  "q=semiconducter",
  "q=hydrogen%20fuel%20cell&mode=non_exclusive_license",
  "q=수소",
  "q=OLED&region=europe",
  "q=robot%20gripper&sort=newest",
  "q=cosmetic&valuation=1",
  "field=battery&trlMin=5&trlMax=8",
  "q=AI&cert=innobiz&sort=trl_desc",
  "q=lithum",
  "q=스마트팩토리",
] as const;

export type SeedListing = { field: string; trl: number; texts: Record<string, { title: string; summary: string }> };
export const seedListings = JSON.parse(readFileSync("prisma/seed-data/listings.json", "utf8")) as SeedListing[];

/** The first term of every concept of eight fields, in every language. */
export const glossarySample: string[] = [];
for (const file of ["battery", "semiconductor", "display", "hydrogen", "bio_pharma", "robotics", "cosmetics", "ict_saas"]) {
  const concepts = JSON.parse(readFileSync(`search/glossary/${file}.json`, "utf8")) as { terms: Record<string, string[]> }[];
  for (const c of concepts) for (const terms of Object.values(c.terms)) glossarySample.push(terms[0]!);
}

/** The benches' deterministic generator (an LCG from state 7) with its pick/some helpers. */
export function benchRandom() {
  let state = 7;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];
  return { random, pick, some };
}
