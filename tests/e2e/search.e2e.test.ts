/**
 * The search page in the browser: results as you type, facets, the back button, and the
 * same page working with JavaScript off (plain form submit); searches in several languages.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot, watchErrors } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const count = async (page: Page) => Number(((await page.getAttribute("[data-testid=results-count]", "data-total")) ?? "-1"));

describe("search page", () => {
  it("updates results while typing, filters by facet, and the back button restores the previous search", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/technologies");
    const all = await count(page);
    expect(all).toBeGreaterThan(30);

    await page.fill("#search-q", "battery");
    await page.waitForURL(/q=battery/);
    await expect.poll(() => count(page)).toBeLessThan(all);
    const batteryTotal = await count(page);
    expect(batteryTotal).toBeGreaterThan(0);
    expect(await page.locator(".results mark").count()).toBeGreaterThan(0);

    await page.check("input[name=field][value=battery]");
    await page.waitForURL(/field=battery/);
    await expect.poll(() => count(page)).toBeLessThanOrEqual(batteryTotal);
    const filtered = await count(page);
    await screenshot(page, "search-facets-en");

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("field=battery"));
    await expect.poll(() => count(page)).toBe(batteryTotal);
    expect(await page.isChecked("input[name=field][value=battery]")).toBe(false);
    await page.goForward();
    await expect.poll(() => count(page)).toBe(filtered);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on a phone, folds the filters under one line so the results come first", async () => {
    const context = await newContext(browser, "ko-KR", { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/technologies?q=battery");
    await page.waitForFunction(() => Boolean((window as { __remixRouter?: unknown }).__remixRouter));
    await expect.poll(() => page.evaluate(() => document.querySelector<HTMLDetailsElement>(".facets-fold")!.open)).toBe(false);
    const resultsTop = await page.locator(".results").evaluate((el) => el.getBoundingClientRect().top);
    expect(resultsTop, "results start on the first screen").toBeLessThan(740);

    await page.click(".facets-summary");
    await page.check("input[name=field][value=battery]");
    await page.waitForURL(/field=battery/);
    await expect.poll(() => page.textContent(".facets-summary")).toContain("(1)");
    // Opened by the user, they stay open for the next filter.
    expect(await page.evaluate(() => document.querySelector<HTMLDetailsElement>(".facets-fold")!.open)).toBe(true);
    await page.check("input[name=mode] >> nth=0");
    await expect.poll(() => page.textContent(".facets-summary")).toContain("(2)");
    await screenshot(page, "search-filters-ko-360");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works without JavaScript through a plain form submit, and shows suggestions when nothing matches", async () => {
    const context = await newContext(browser, "en-US", { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/technologies");
    await page.fill("#search-q", "hydrogen");
    await Promise.all([page.waitForURL(/q=hydrogen/), page.click(".search-bar button[type=submit]")]);
    expect(await count(page)).toBeGreaterThan(0);

    await page.goto("/technologies?q=hydrogen&cert=tips&trlMin=9&priceMax=1");
    expect(await count(page)).toBe(0);
    expect(await page.locator("[data-testid=no-results] a").count()).toBeGreaterThan(0);
    await screenshot(page, "search-no-results-en");
    await context.close();
  });

  for (const [locale, q] of [
    ["ko", "배터리의"],
    ["ja", "二次電池"],
    ["zh", "电池"],
    ["vi", "pin"],
    ["es", "batería"],
    ["ar", "بطارية"],
  ] as const) {
    it(`finds battery technologies from a ${locale} query (${q})`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      await page.goto(`/technologies?q=${encodeURIComponent(q)}&field=battery`);
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      expect(await count(page)).toBeGreaterThan(0);
      await context.close();
    });
  }
});
