/**
 * A page carries only the translations its routes need (app/i18n/bootstrap.tsx). Moving on to
 * pages that need other namespaces must load them before showing the page: each page reached by
 * client-side navigation reads exactly like the same page rendered by the server, in Korean and
 * Arabic, with no English fallback files fetched and no errors.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumForThisFile, newContext, watchErrors } from "./browser";

const browser = chromiumForThisFile();

async function mainText(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector("main")!.cloneNode(true) as HTMLElement;
    main.querySelectorAll("noscript").forEach((n) => n.remove());
    return main.textContent!.replace(/\s+/g, " ").trim();
  });
}

describe("translations after client-side navigation", () => {
  for (const locale of ["ko", "ar"]) {
    it(`${locale}: landing → search → listing → consultants → login read as the server renders them`, async () => {
      const context = await newContext(browser(), locale);
      const page = await context.newPage();
      const errors = watchErrors(page);
      const fetched: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/locales/")) fetched.push(new URL(r.url()).pathname);
      });
      const html = await (await page.goto("/"))!.text();
      expect(html.length, "landing HTML carries only its own namespaces").toBeLessThan(45_000);
      // The preload subscribes to Remix's router shortly after hydration creates it (it polls
    // for it): a click before that is not what this test is about.
    await page.waitForFunction(() => (window as { __i18nPreloadReady?: boolean }).__i18nPreloadReady === true);

      // The address changes as soon as the navigation starts; the page follows once its data and
      // translations are in, so the text is polled.
      const sameAsServer = async () => {
        const fresh = await context.newPage();
        await fresh.goto(page.url());
        const server = await mainText(fresh);
        await fresh.close();
        await expect.poll(() => mainText(page), { timeout: 10_000, message: page.url() }).toBe(server);
      };
      await page.fill("#hero-q", "battery");
      await Promise.all([page.waitForURL("**/technologies?**"), page.press("#hero-q", "Enter")]);
      await page.waitForSelector("[data-testid=results-count]");
      await sameAsServer();
      await Promise.all([page.waitForURL(/\/technologies\/[^?]+$/), page.click(".listing-card a >> nth=0")]);
      await sameAsServer();
      await Promise.all([page.waitForURL("**/consultants"), page.click("header a[href='/consultants']")]);
      await sameAsServer();
      await Promise.all([page.waitForURL("**/login**"), page.click("header a[href^='/login']")]);
      await sameAsServer();

      expect(fetched.length, "namespaces were fetched on the way").toBeGreaterThan(0);
      expect(fetched.filter((p) => !p.startsWith(`/locales/${locale}/`)), "only the page's own language").toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("a page opened with ?lng= keeps that language on the next pages", async () => {
    const context = await newContext(browser(), "en-US");
    const page = await context.newPage();
    await page.goto("/technologies?q=battery&lng=ja");
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    await page.goto("/consultants");
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    await context.close();
  });

  it("a page's translations are requested beside its data, not after it", async () => {
    const context = await newContext(browser(), "ko");
    const page = await context.newPage();
    const errors = watchErrors(page);
    // A slow data response: were the new page's translations fetched only once it is rendered,
    // the old page would stay on screen under the new address for one more round trip.
    const events: string[] = [];
    await page.route(/\.data(\?|$)/, async (route) => {
      events.push("data requested");
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    page.on("request", (r) => {
      if (r.url().includes("/locales/ko/consulting.json")) events.push("consulting translations requested");
    });
    page.on("requestfinished", (r) => {
      if (/\.data(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search)) events.push("data received");
    });
    await page.goto("/");
    // The preload subscribes to Remix's router shortly after hydration creates it (it polls
    // for it): a click before that is not what this test is about.
    await page.waitForFunction(() => (window as { __i18nPreloadReady?: boolean }).__i18nPreloadReady === true);
    await Promise.all([page.waitForURL("**/consultants"), page.click("header a[href='/consultants']")]);
    await expect.poll(() => page.textContent("h1")).toContain("컨설턴트");
    expect(events.indexOf("consulting translations requested"), events.join(", ")).toBeGreaterThan(-1);
    expect(events.indexOf("consulting translations requested"), events.join(", ")).toBeLessThan(events.indexOf("data received"));
    expect(errors).toEqual([]);
    await context.close();
  });
});
