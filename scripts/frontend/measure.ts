/**
 * Lighthouse-style page measurements in Chromium (playwright-core over CDP): what a page ships
 * (JavaScript, CSS, fonts, images, HTML — bytes on the wire and decoded) and how it paints
 * (first and largest contentful paint, cumulative layout shift, long tasks). Conditions follow
 * Lighthouse's mobile preset when `throttle` is on: 150 ms round trip, 1.6 Mbit/s down,
 * 750 kbit/s up, CPU slowed 4×, a 360 × 740 viewport.
 * Used by `npm run bench:frontend` (figures for the README) and tests/e2e/budget.e2e.test.ts
 * (the byte budget in CI; timings are only reported, never asserted).
 */
import type { Browser } from "playwright-core";

export type PageWeight = {
  path: string;
  requests: number;
  transfer: Record<"script" | "stylesheet" | "document" | "font" | "image" | "other", number>;
  decodedScript: number;
  scripts: number;
  fcp: number | null;
  lcp: number | null;
  cls: number;
  longTasksMs: number;
  loadMs: number;
};

export async function measurePage(browser: Browser, baseUrl: string, path: string, options: { locale?: string; throttle?: boolean } = {}): Promise<PageWeight> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? "en-US",
    extraHTTPHeaders: { "Accept-Language": options.locale ?? "en-US" },
    viewport: options.throttle ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    deviceScaleFactor: options.throttle ? 2 : 1,
    isMobile: Boolean(options.throttle),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (options.throttle) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const types = new Map<string, string>();
  const transfer: PageWeight["transfer"] = { script: 0, stylesheet: 0, document: 0, font: 0, image: 0, other: 0 };
  let requests = 0;
  cdp.on("Network.responseReceived", (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    requests++;
    const type = (types.get(e.requestId) ?? "Other").toLowerCase();
    const key = (type in transfer ? type : "other") as keyof PageWeight["transfer"];
    transfer[key] += e.encodedDataLength;
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __vitals: { lcp: number | null; cls: number; longTasks: number } };
    w.__vitals = { lcp: null, cls: 0, longTasks: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__vitals.lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.__vitals.cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__vitals.longTasks += Math.max(0, entry.duration - 50);
    }).observe({ type: "longtask", buffered: true });
  });
  const started = Date.now();
  await page.goto(path, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const loadMs = Date.now() - started;
  // LCP is final once the user interacts; a click on nothing in particular ends it, as Lighthouse does.
  await page.mouse.click(1, 1);
  const vitals = await page.evaluate(() => {
    const w = window as unknown as { __vitals: { lcp: number | null; cls: number; longTasks: number } };
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    const scripts = performance.getEntriesByType("resource").filter((r) => (r as PerformanceResourceTiming).initiatorType === "script" || /\.js(\?|$)/.test(r.name)) as PerformanceResourceTiming[];
    return { ...w.__vitals, fcp, scripts: scripts.length, decodedScript: scripts.reduce((n, r) => n + r.decodedBodySize, 0) };
  });
  await context.close();
  return { path, requests, transfer, decodedScript: vitals.decodedScript, scripts: vitals.scripts, fcp: vitals.fcp, lcp: vitals.lcp, cls: vitals.cls, longTasksMs: vitals.longTasks, loadMs };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
