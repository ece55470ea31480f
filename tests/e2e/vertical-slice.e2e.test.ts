/**
 * The first vertical slice: an SME signs up, writes a listing in Korean and English and
 * submits it; the operator approves it; a buyer browsing in English finds it on the landing
 * page and opens it; the same pages render in Korean and Arabic (screenshots kept in
 * test-results/e2e).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stamp = Date.now().toString(36);
const title = { ko: `열전도 그래핀 방열 시트 ${stamp}`, en: `Graphene heat-spreader sheet ${stamp}` };
let slug = "";

describe("first vertical slice", () => {
  it("an SME signs up, creates a listing in Korean and English and submits it", async () => {
    const context = await newContext(browser, "ko-KR");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/signup");
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    // A refused form keeps what was typed.
    await page.check("input[name=role][value=sme]");
    await page.fill("#f-name", "김하늘");
    await page.fill("#f-organisationName", "(주)그래핀랩");
    await page.fill("#f-country", "KR");
    await page.fill("#f-email", `sme-${stamp}@graphene.example`);
    await page.fill("#f-password", "short");
    await page.click("main form button[type=submit]");
    await expect.poll(() => page.textContent("#f-password-error")).toContain("10");
    expect(await page.inputValue("#f-organisationName")).toBe("(주)그래핀랩");
    await page.fill("#f-password", "graphene-password-1");
    await Promise.all([page.waitForURL("**/workspace"), page.click("main form button[type=submit]")]);

    await page.click("a[href='/workspace/listings/new']");
    await page.selectOption("#f-field", "advanced_materials");
    await page.selectOption("#f-trl", "7");
    await page.fill("#f-ipcCodes", "C01B 32/184");
    await page.check("input[name=transferModes][value=non_exclusive_license]");
    await page.fill("#f-askingMin", "200000000");
    const texts = {
      ko: { title: title.ko, summary: "스마트폰과 전기차 배터리를 위한 초박형 그래핀 방열 시트", problem: "고출력 기기의 발열로 수명이 줄어듭니다.", solution: "롤투롤 공정으로 25㎛ 두께의 그래핀 시트를 제조합니다.", advantages: "열전도율 1,500 W/mK, 구리 대비 무게 80% 절감.", applications: "스마트폰, 전기차 배터리 팩, 데이터센터." },
      en: { title: title.en, summary: "Ultra-thin graphene heat spreader for phones and EV batteries", problem: "Heat shortens the life of high-power devices.", solution: "A roll-to-roll process makes 25 µm graphene sheets.", advantages: "1,500 W/mK in-plane conductivity, 80% lighter than copper.", applications: "Smartphones, EV battery packs, data centres." },
    };
    for (const [locale, fields] of Object.entries(texts)) {
      for (const [field, value] of Object.entries(fields)) {
        await page.fill(`[name="texts.${locale}.${field}"]`, value);
      }
    }
    await page.fill('[name="texts.en.confidential"]', "Annealing at 2,800 °C for 40 minutes.");
    // An optional Japanese translation, next to the Korean original.
    await page.click("details.locale-optional:has([name='texts.ja.title']) summary");
    await page.fill('[name="texts.ja.title"]', `グラフェン放熱シート ${stamp}`);
    await page.fill('[name="texts.ja.summary"]', "スマートフォンとEV電池向けの超薄型グラフェン放熱シート");
    await Promise.all([page.waitForURL(/\/workspace\/listings\/\w+\?saved=1/), page.click("main form.listing-form button[type=submit]")]);
    expect(await page.getAttribute("[data-testid=listing-status]", "data-status")).toBe("draft");
    await Promise.all([page.waitForURL(/submitted=1/), page.click("button[name=intent][value=submit]")]);
    expect(await page.getAttribute("[data-testid=listing-status]", "data-status")).toBe("in_review");
    await screenshot(page, "sme-listing-submitted-ko");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the operator approves it", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, "admin@techbridge.example", "techbridge-demo");
    await page.goto("/admin");
    const item = page.locator("[data-testid=review-item]", { hasText: title.ko }).or(page.locator("[data-testid=review-item]", { hasText: title.en }));
    await expect.poll(() => item.count()).toBe(1);
    await Promise.all([page.waitForLoadState("load"), item.locator("button[name=intent][value=approve]").click()]);
    await expect.poll(() => page.locator(".alert-success").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a buyer browsing in English sees it on the landing page and opens it", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const card = page.locator("[data-testid=featured-listings] article", { hasText: title.en });
    await expect.poll(() => card.count()).toBe(1);
    await screenshot(page, "landing-en");
    await Promise.all([page.waitForURL(/\/technologies\/graphene-heat-spreader-sheet/), card.locator("h3 a").click()]);
    slug = new URL(page.url()).pathname.split("/").pop()!;
    await expect.poll(() => page.textContent("h1")).toBe(title.en);
    // Anonymous visitors see the public teaser only.
    expect(await page.locator("[data-testid=registered-locked]").count()).toBe(1);
    expect(await page.content()).not.toContain("2,800");
    await screenshot(page, "listing-en");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the language switcher changes the language and remembers it", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    await page.goto("/technologies");
    await Promise.all([page.waitForURL("**/technologies"), page.waitForLoadState("load"), page.selectOption(".language-switcher select", "vi")]);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("vi");
    await page.goto("/");
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await context.close();
  });

  it("a Japanese buyer reads the Japanese translation", async () => {
    const context = await newContext(browser, "ja");
    const page = await context.newPage();
    await page.goto(`/technologies/${slug}`);
    expect(await page.textContent("h1")).toBe(`グラフェン放熱シート ${stamp}`);
    expect(await page.locator(".fallback-note").count()).toBe(0);
    await context.close();
  });

  for (const [locale, dir, english] of [
    ["ko", "ltr", ["Technologies", "Log in", "Sign up", "Newly published"]],
    ["ar", "rtl", ["Technologies", "Log in", "Sign up", "Newly published"]],
  ] as const) {
    it(`renders the landing and listing pages in ${locale} (${dir})`, async () => {
      const context = await newContext(browser, locale);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto("/");
      expect(await page.getAttribute("html", "lang")).toBe(locale);
      expect(await page.getAttribute("html", "dir")).toBe(dir);
      const chrome = (await page.locator("header, .hero, footer").allInnerTexts()).join("\n");
      for (const word of english) expect(chrome).not.toContain(word);
      await screenshot(page, `landing-${locale}`);
      await page.goto(`/technologies/${slug}`);
      expect(await page.getAttribute("html", "dir")).toBe(dir);
      expect(await page.textContent("h1")).toBe(locale === "ko" ? title.ko : title.en);
      if (locale === "ar") expect(await page.locator(".fallback-note").count()).toBeGreaterThan(0);
      await screenshot(page, `listing-${locale}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
