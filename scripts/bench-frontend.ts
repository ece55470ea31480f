/**
 * `npm run bench:frontend`: a Lighthouse-style budget for the landing and search pages (and a
 * listing page): JavaScript and total bytes shipped, first/largest contentful paint, layout
 * shift and long tasks, in Debian's Chromium — on a desktop without throttling and on
 * Lighthouse's mobile preset (150 ms RTT, 1.6 Mbit/s, CPU 4× slower, 360 px wide). Starts the
 * built app on a fresh embedded database with the demo data; each figure is the median of 3
 * cold loads (cache disabled).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { freePort } from "./lib/net";
import { kb, measurePage, type PageWeight } from "./frontend/measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const tmp = mkdtempSync(path.join(os.tmpdir(), "techbridge-frontend-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, DATABASE_URL: "", DATA_DIR: tmp, SEED_DEMO: "true", MEILI_HOST: "", STRIPE_SECRET_KEY: "", SMTP_URL: "", SESSION_SECRET: "bench-secret-0123456789abcdef" },
  stdio: "ignore",
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  const listing = ((await (await fetch(`${base}/api/v1/technologies?pageSize=1`)).json()) as { items: { slug: string }[] }).items[0]!.slug;
  const pages = ["/", "/technologies", "/technologies?q=%EB%B0%B0%ED%84%B0%EB%A6%AC&field=battery", `/technologies/${listing}`];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`bench:frontend — Chromium ${browser.version()}, median of ${RUNS} cold loads\n`);
  console.log(`  ${"page".padEnd(44)} ${"profile".padEnd(8)} ${"JS (wire)".padStart(10)} ${"JS (raw)".padStart(10)} ${"total".padStart(10)} ${"req".padStart(4)} ${"FCP".padStart(7)} ${"LCP".padStart(7)} ${"CLS".padStart(6)} ${"TBT*".padStart(6)}`);
  for (const locale of ["en-US", "ko-KR"]) {
    for (const p of pages) {
      for (const throttle of [false, true]) {
        const runs: PageWeight[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measurePage(browser, base, p, { locale, throttle }));
        const total = (w: PageWeight) => Object.values(w.transfer).reduce((a, b) => a + b, 0);
        const label = `${locale.slice(0, 2)} ${p.length > 38 ? `${p.slice(0, 37)}…` : p}`;
        console.log(
          `  ${label.padEnd(44)} ${(throttle ? "mobile" : "desktop").padEnd(8)} ${kb(median(runs.map((r) => r.transfer.script))).padStart(10)} ${kb(median(runs.map((r) => r.decodedScript))).padStart(10)} ${kb(median(runs.map(total))).padStart(10)} ${String(median(runs.map((r) => r.requests))).padStart(4)} ${`${Math.round(median(runs.map((r) => r.fcp ?? 0)))}`.padStart(7)} ${`${Math.round(median(runs.map((r) => r.lcp ?? 0)))}`.padStart(7)} ${median(runs.map((r) => r.cls)).toFixed(3).padStart(6)} ${`${Math.round(median(runs.map((r) => r.longTasksMs)))}`.padStart(6)}`,
        );
      }
    }
  }
  console.log("\n  ms for FCP/LCP; TBT* = long-task time beyond 50 ms per task until load (Lighthouse counts until interactive).");
  console.log("  Budget (tests/e2e/budget.e2e.test.ts): JavaScript on the wire ≤ 170 KB and CLS ≤ 0.1 on the landing and search pages.");
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(tmp, { recursive: true, force: true });
}
