/**
 * The load driver: virtual users that sign up over HTTP, then loop over a realistic mix of
 * page views and writes against a running TechBridge, from a process of their own.
 * Used by `npm run bench:load` (10,000 listings on PostgreSQL, rising concurrency) and, with a
 * short run, by tests/e2e/load.e2e.test.ts in CI (zero errors, every kind of request served).
 *
 * The mix (weights per iteration):
 *   landing 15 · search (with facets) 35 · listing page 30 · consultant page 8   — reads
 *   inquiry sent 6 · slot held 6                                                  — writes
 * Requests are plain browser-style document requests (no JavaScript), so each one renders a
 * whole page. Writes carry the site's own Origin (they pass the CSRF check like a browser's).
 * Every request carries a distinct client address: per-client rate limits are tested on their
 * own (tests/e2e/security.e2e.test.ts) and would otherwise turn this into a rate-limit test.
 *
 * Outcomes: "ok" (2xx/3xx), "refused" (an answer the product gives on purpose under contention:
 * 409 slot taken, a form answered with its error such as "you already asked about this"),
 * "error" (5xx, network failure, or any other status).
 */
import { performance } from "node:perf_hooks";
import { seededRandom } from "../lib/random";

export type Kind = "landing" | "search" | "listing" | "consultant" | "inquiry" | "hold";
export const READS: readonly Kind[] = ["landing", "search", "listing", "consultant"];
export const WRITES: readonly Kind[] = ["inquiry", "hold"];
const WEIGHTS: [Kind, number][] = [
  ["landing", 15],
  ["search", 35],
  ["listing", 30],
  ["consultant", 8],
  ["inquiry", 6],
  ["hold", 6],
];

/** Queries people type, in five languages, with and without facets and sorts. */
export const SEARCHES = [
  "q=battery",
  "q=%EB%B0%B0%ED%84%B0%EB%A6%AC%EC%9D%98", // 배터리의
  "q=%EB%B0%98%EB%8F%84%EC%B2%B4&field=semiconductor", // 반도체
  "q=%E4%BA%8C%E6%AC%A1%E9%9B%BB%E6%B1%A0", // 二次電池
  "q=%E7%94%B5%E6%B1%A0&trlMin=6", // 电池
  "q=pin&lng=vi",
  "q=semiconducter",
  "q=hydrogen%20fuel%20cell&mode=non_exclusive_license",
  "q=coating&region=europe&sort=newest",
  "field=battery&trlMin=5&trlMax=8",
  "q=sensor&valuation=1",
  "q=%EC%88%98%EC%86%8C", // 수소
  "sort=newest",
  "q=precision%20control&page=2",
];

export type Account = { email: string; password: string; role: "buyer" | "sme" };
/** `bookable`: services anyone signed in may hold without an inquiry (not facilitated meetings). */
export type Target = { base: string; listingSlugs: string[]; consultantSlugs: string[]; bookable: { slug: string; serviceId: string }[] };
type Session = { account: Account; cookie: string };

export type LevelResult = {
  concurrency: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  byKind: Record<Kind, { requests: number; ok: number; refused: number; errors: number; p50: number; p95: number; p99: number }>;
  reads: { requests: number; p50: number; p95: number; p99: number };
  writes: { requests: number; p50: number; p95: number; p99: number };
  all: { p50: number; p95: number; p99: number };
  errorSamples: string[];
};

let ipCounter = 0;
/** 198.18.0.0/15 is reserved for benchmarks (RFC 2544). */
function nextClientIp() {
  ipCounter = (ipCounter + 1) % (2 * 65_536 - 2);
  const n = ipCounter + 1;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

function headers(target: Target, cookie?: string, write = false): Record<string, string> {
  return {
    "Accept-Language": "en",
    "X-Forwarded-For": nextClientIp(),
    ...(cookie ? { Cookie: cookie } : {}),
    ...(write ? { Origin: target.base, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" } : {}),
  };
}

function cookieFrom(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith("tb_session="));
  if (!set) throw new Error(`no session cookie (status ${response.status})`);
  return set.split(";")[0]!;
}

/** Creates the account through the sign-up form (as a browser without JavaScript would). */
export async function signUp(target: Target, account: Account, name: string): Promise<string> {
  const body = new URLSearchParams({ role: account.role, name, organisationName: `${name} Co.`, country: account.role === "sme" ? "KR" : "DE", email: account.email, password: account.password, locale: "en", timeZone: "Europe/Berlin" });
  const response = await fetch(`${target.base}/signup`, { method: "POST", redirect: "manual", headers: headers(target, undefined, true), body });
  if (response.status !== 302 && response.status !== 303) throw new Error(`sign-up of ${account.email} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return cookieFrom(response);
}

/** Public listing slugs from the JSON API, and consultant slugs from the directory page. */
export async function discover(base: string, maxListings = 2000): Promise<Target> {
  const listingSlugs: string[] = [];
  for (let page = 1; listingSlugs.length < maxListings; page++) {
    const response = await fetch(`${base}/api/v1/technologies?page=${page}&pageSize=100`);
    const data = (await response.json()) as { items: { slug: string }[] };
    listingSlugs.push(...data.items.map((i) => i.slug));
    if (data.items.length < 100) break;
  }
  const directory = await (await fetch(`${base}/consultants`)).text();
  const consultantSlugs = [...new Set([...directory.matchAll(/href="\/consultants\/([a-z0-9-]+)["?]/g)].map((m) => m[1]!))];
  const bookable = [...directory.matchAll(/<li data-kind="([a-z_]+)">[\s\S]*?href="\/consultants\/([a-z0-9-]+)\?service=([A-Za-z0-9_-]+)/g)]
    .filter((m) => m[1] !== "buyer_seller_meeting")
    .map((m) => ({ slug: m[2]!, serviceId: m[3]! }));
  if (!listingSlugs.length || !consultantSlugs.length || !bookable.length) throw new Error(`nothing to load: ${listingSlugs.length} listings, ${consultantSlugs.length} consultants, ${bookable.length} bookable services`);
  return { base, listingSlugs, consultantSlugs, bookable };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function chooseKind(random: () => number): Kind {
  let r = random() * 100;
  for (const [kind, weight] of WEIGHTS) {
    if ((r -= weight) < 0) return kind;
  }
  return "landing";
}

const SLOT_STARTS = /<button[^>]*name="startsAt"[^>]*value="([^"]+)"(?![^>]*disabled)/g;

/** One request of the given kind; resolves to its outcome. */
async function act(kind: Kind, target: Target, sessions: { buyer: Session; sme: Session }, random: () => number, slotHalf: "any" | "late"): Promise<{ outcome: "ok" | "refused" | "error"; detail?: string }> {
  const get = async (path: string, cookie?: string) => {
    const response = await fetch(`${target.base}${path}`, { headers: headers(target, cookie), redirect: "manual" });
    const text = await response.text();
    return { response, text, outcome: response.status < 400 ? ("ok" as const) : ("error" as const), detail: `${response.status} GET ${path}` };
  };
  switch (kind) {
    case "landing":
      return get("/");
    case "search":
      return get(`/technologies?${pick(SEARCHES, random)}`);
    case "listing":
      return get(`/technologies/${pick(target.listingSlugs, random)}`, random() < 0.5 ? sessions.buyer.cookie : undefined);
    case "consultant":
      return get(`/consultants/${pick(target.consultantSlugs, random)}`);
    case "inquiry": {
      const slug = pick(target.listingSlugs, random);
      const body = new URLSearchParams({ purpose: pick(["license", "joint_development", "acquisition", "information"], random), preferredMode: "", questions: "Could you share the licensing terms and the earliest date for a technical call?", companyIntro: "Mid-size manufacturer, 400 staff, plants in Germany and Poland." });
      const response = await fetch(`${target.base}/technologies/${slug}/inquire`, { method: "POST", redirect: "manual", headers: headers(target, sessions.buyer.cookie, true), body });
      const text = await response.text();
      if (response.status === 302 || response.status === 303) return { outcome: "ok" };
      // The form answered with its error (e.g. an open inquiry on this listing already exists).
      if (response.status === 200 && /role="(alert|status)"/.test(text)) return { outcome: "refused" };
      return { outcome: "error", detail: `${response.status} POST /technologies/${slug}/inquire` };
    }
    case "hold": {
      const { slug, serviceId } = pick(target.bookable, random);
      const page = await get(`/consultants/${slug}?service=${serviceId}`, sessions.sme.cookie);
      if (page.outcome === "error") return page;
      const starts = [...page.text.matchAll(SLOT_STARTS)].map((m) => m[1]!);
      const choices = slotHalf === "late" ? starts.slice(Math.floor(starts.length / 2)) : starts;
      if (!choices.length) return { outcome: "refused" }; // nothing free to book
      const body = new URLSearchParams({ serviceId, startsAt: pick(choices, random), timeZone: "Asia/Seoul", listingId: "" });
      const response = await fetch(`${target.base}/consultants/${slug}`, { method: "POST", redirect: "manual", headers: headers(target, sessions.sme.cookie, true), body });
      await response.text();
      if (response.status === 302 || response.status === 303) return { outcome: "ok" };
      if (response.status === 409) return { outcome: "refused" }; // someone took the slot first
      return { outcome: "error", detail: `${response.status} POST /consultants/${slug}` };
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
}
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/**
 * `concurrency` virtual users for `durationMs`, each looping over the mix — without pause
 * (closed loop: `concurrency` requests always in flight), or with `thinkMs` of reading time
 * between requests like real users; each user uses the buyer and SME sessions at its index.
 */
export async function runLevel(
  target: Target,
  accounts: { buyers: Session[]; smes: Session[] },
  concurrency: number,
  durationMs: number,
  options: { slotHalf?: "any" | "late"; thinkMs?: number } = {},
): Promise<LevelResult> {
  const latencies = new Map<Kind, number[]>(WEIGHTS.map(([k]) => [k, []]));
  const counts = new Map<Kind, { ok: number; refused: number; errors: number }>(WEIGHTS.map(([k]) => [k, { ok: 0, refused: 0, errors: 0 }]));
  const errorSamples: string[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, user) => {
      const random = seededRandom(1000 + user); // the same mix at every level
      const sessions = { buyer: accounts.buyers[user % accounts.buyers.length]!, sme: accounts.smes[user % accounts.smes.length]! };
      // Users with think time read the page before the next click (exponential pauses around
      // the mean); they start spread over one pause so they do not arrive all at once.
      const think = options.thinkMs ? () => -Math.log(1 - random()) * options.thinkMs! : null;
      if (think) await sleep(random() * options.thinkMs!);
      while (performance.now() < deadline) {
        const kind = chooseKind(random);
        const t0 = performance.now();
        let result: Awaited<ReturnType<typeof act>>;
        try {
          result = await act(kind, target, sessions, random, options.slotHalf ?? "any");
        } catch (error) {
          result = { outcome: "error", detail: `${kind}: ${(error as Error).message}` };
        }
        latencies.get(kind)!.push(performance.now() - t0);
        const c = counts.get(kind)!;
        if (result.outcome === "ok") c.ok++;
        else if (result.outcome === "refused") c.refused++;
        else {
          c.errors++;
          if (errorSamples.length < 10) errorSamples.push(result.detail ?? kind);
        }
        if (think) await sleep(Math.min(think(), Math.max(0, deadline - performance.now())));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const byKind = Object.fromEntries(
    WEIGHTS.map(([k]) => {
      const l = latencies.get(k)!;
      return [k, { requests: l.length, ...counts.get(k)!, ...summary(l) }];
    }),
  ) as LevelResult["byKind"];
  const readLat = READS.flatMap((k) => latencies.get(k)!);
  const writeLat = WRITES.flatMap((k) => latencies.get(k)!);
  const all = [...latencies.values()].flat();
  return {
    concurrency,
    seconds: +seconds.toFixed(1),
    requests: all.length,
    rps: Math.round(all.length / seconds),
    errors: [...counts.values()].reduce((n, c) => n + c.errors, 0),
    byKind,
    reads: { requests: readLat.length, ...summary(readLat) },
    writes: { requests: writeLat.length, ...summary(writeLat) },
    all: summary(all),
    errorSamples,
  };
}

/** Signs up `buyers` buyer and `smes` SME accounts (unique e-mails per run). */
export async function createAccounts(target: Target, buyers: number, smes: number, runId: string) {
  const make = async (role: "buyer" | "sme", i: number): Promise<Session> => {
    const account: Account = { email: `load-${role}-${i}-${runId}@load.example`, password: "load-password-123", role };
    return { account, cookie: await signUp(target, account, `Load ${role} ${i}`) };
  };
  const out = { buyers: [] as Session[], smes: [] as Session[] };
  for (let i = 0; i < buyers; i++) out.buyers.push(await make("buyer", i));
  for (let i = 0; i < smes; i++) out.smes.push(await make("sme", i));
  return out;
}
