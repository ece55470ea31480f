/**
 * Needs and matches in the browser, on the demo data (the seed computes the demo matches):
 * the buyer sees its needs with the matched technologies and the reasons in English, posts
 * a need (a refused form keeps the text), shortlists and saves a search from components;
 * the Korean seller sees the buyer's need with reasons in Korean; a forged unsubscribe
 * link is refused.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/factories.server";
import { launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(locale: string, email: string): Promise<Page> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  return page;
}

describe("needs and matches", () => {
  it("the buyer sees the demo need's matches with reasons, and posts a new need", async () => {
    const page = await signedIn("en-US", "demo-buyer@techbridge.example");
    const errors = watchErrors(page);
    await page.goto("/workspace/needs");
    const first = page.locator("[data-testid=need]", { hasText: "Cathode surface treatment" });
    await expect.poll(() => first.locator("[data-testid=match]").count()).toBeGreaterThan(0);
    const match = await first.locator("[data-testid=match]").first().textContent();
    expect(match).toContain("Lithium-borate surface coating");
    expect(match).toContain("same field: Secondary batteries");
    expect(match).toMatch(/TRL 7 within 5–9/);
    await screenshot(page, "matching-buyer-needs");

    await page.click("text=Post a need");
    await page.fill("#f-title", "Solid electrolyte");
    await page.fill("#f-description", "Too short");
    await page.click("main form button[type=submit]");
    await expect.poll(() => page.textContent("#f-description-error")).toContain("20 characters");
    expect(await page.textContent("#f-fields-error")).toContain("at least one technology field");
    expect(await page.inputValue("#f-title")).toBe("Solid electrolyte");
    await page.fill("#f-description", "Sulfide solid electrolyte powder synthesis for all-solid-state battery pilot lines.");
    await page.check("input[name=fields][value=battery]");
    await Promise.all([page.waitForURL(/\/workspace\/needs\/[^/]+\?saved=1/), page.click("main form button[type=submit]")]);
    await expect.poll(() => page.textContent("h1")).toContain("Solid electrolyte");
    expect(await page.textContent("[role=status]")).toContain("Saved");
    await screenshot(page, "matching-need-posted");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the Korean seller sees the buyer's need with reasons in Korean", async () => {
    const page = await signedIn("ko-KR", "demo-sme@techbridge.example");
    const errors = watchErrors(page);
    await page.goto("/workspace/matches");
    const card = page.locator("[data-testid=seller-match]", { hasText: "Cathode surface treatment" });
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain("같은 분야: 이차전지");
    expect(text).toContain("TRL 7, 요청 범위 5–9 이내");
    expect(text).toMatch(/바이어: .+\(미국\)/);
    await screenshot(page, "matching-seller-ko");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("refuses a forged unsubscribe link without signing in", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    const response = await page.goto("/alerts/unsubscribe/eyJmb3JnZWQiOnRydWV9.c2lnbmF0dXJl");
    expect(response?.status()).toBe(400);
    await context.close();
  });
});
