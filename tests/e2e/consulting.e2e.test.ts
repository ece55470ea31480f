/**
 * Consulting in the browser: the demo consultant writes a profile, adds a service and weekly
 * hours (an overlapping range is refused without losing what was typed); an anonymous visitor
 * sees the slots in their browser's time zone and is sent to log in when picking one; the demo
 * SME opens the consultant's profile from the directory, picks a slot and lands on checkout.
 * Directory, profile and workspace are screenshotted in Korean, English and Arabic, at 360 px too.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { ARTIFACTS, launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

/** The first screen only, as a phone shows it. */
async function firstScreen(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSWORD = "techbridge-demo";
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const stamp = Date.now().toString(36);
const serviceTitle = `E2E valuation ${stamp}`;
let profilePath = "";

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState("load"), page.waitForResponse((r) => r.request().method() === "POST"), page.click(selector)]);
}

describe("consulting", () => {
  it("a consultant writes a profile, adds a service and weekly hours", async () => {
    const context = await newContext(browser, "en-US");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, "demo-consultant@techbridge.example", PASSWORD);
    await page.goto("/workspace/consulting");
    // No profile yet: the profile tab comes first.
    await page.waitForSelector("[data-testid=profile-form]");
    await page.fill('[name="headline.en"]', "Technology valuation and licensing strategy");
    await page.fill('[name="headline.ko"]', "기술가치평가 및 라이선싱 전략");
    await page.fill('[name="bio.en"]', "Former KOTRA trade officer; valuations for battery and hydrogen technologies.");
    await page.check('input[name=expertise][value=battery]');
    await page.check('input[name=languages][value=ko]');
    await page.check('input[name=languages][value=en]');
    await page.fill('[name=certifications]', "Certified Technology Valuator (KTTA)");
    await page.selectOption("#f-timeZone", "Asia/Seoul");
    await submit(page, "button[name=intent][value=profile]");
    await expect.poll(() => page.textContent("[data-testid=saved]")).toContain("profile has been saved");
    profilePath = (await page.getAttribute("a:has-text('View my public profile')", "href"))!;
    expect(profilePath).toMatch(/^\/consultants\/demo-consultant-/);
    // A photo: a PDF is refused with a message, a PNG replaces the initials.
    await page.setInputFiles("#f-photo", { name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7 not a photo") });
    await Promise.all([page.waitForURL(/photoError=/), page.click("[data-testid=photo-editor] button[value=upload]")]);
    expect(await page.textContent("[data-testid=photo-editor] [role=alert]")).toContain("PNG, JPEG or WebP");
    await page.setInputFiles("#f-photo", { name: "me.png", mimeType: "image/png", buffer: PNG });
    await Promise.all([page.waitForURL(/saved=photo/), page.click("[data-testid=photo-editor] button[value=upload]")]);
    await expect.poll(() => page.evaluate(() => (document.querySelector("[data-testid=photo-editor] img") as HTMLImageElement | null)?.naturalWidth ?? 0)).toBe(1);

    await page.goto("/workspace/consulting?tab=services");
    const newService = page.locator("[data-testid=new-service-form]");
    await newService.locator("select[name=kind]").selectOption("valuation");
    await newService.locator('[name="title.en"]').fill(serviceTitle);
    await newService.locator("[name=durationMinutes]").fill("60");
    // A refused form keeps what was typed.
    await newService.locator("[name=price]").fill("-5");
    await newService.locator("[name=bufferMinutes]").fill("15");
    await submit(page, "[data-testid=new-service-form] button[name=intent]");
    await expect.poll(() => page.textContent("[data-testid=new-service-form] #f-price-error")).toContain("cannot be negative");
    expect(await page.inputValue('[data-testid=new-service-form] [name="title.en"]')).toBe(serviceTitle);
    await page.fill("[data-testid=new-service-form] [name=price]", "300,000");
    await submit(page, "[data-testid=new-service-form] button[name=intent]");
    await expect.poll(() => page.locator("[data-testid=own-service]", { hasText: serviceTitle }).count()).toBe(1);

    await page.goto("/workspace/consulting?tab=availability");
    for (let weekday = 1; weekday <= 7; weekday++) {
      const row = page.locator(`.rules-day[data-weekday="${weekday}"] [data-testid=rule-row]`).last();
      await row.locator("input[name$='.start']").fill("09:00");
      await row.locator("input[name$='.end']").fill("18:00");
    }
    await submit(page, "button[name=intent][value=rules]");
    await expect.poll(() => page.textContent("[data-testid=saved]")).toContain("weekly hours have been saved");
    expect(await page.locator(".rules-day[data-weekday='1'] input[name$='.start']").first().inputValue()).toBe("09:00");
    // An overlapping second range on Monday is refused on its row; the typed times stay.
    const monday = page.locator(".rules-day[data-weekday='1'] [data-testid=rule-row]").last();
    await monday.locator("input[name$='.start']").fill("17:00");
    await monday.locator("input[name$='.end']").fill("19:00");
    await submit(page, "button[name=intent][value=rules]");
    await expect.poll(() => page.locator(".rules-day[data-weekday='1'] .error-text").textContent()).toContain("overlaps");
    expect(await page.locator(".rules-day[data-weekday='1'] [data-testid=rule-row]").last().locator("input[name$='.start']").inputValue()).toBe("17:00");
    await screenshot(page, "consulting-workspace-availability-en");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an anonymous visitor sees slots in their browser's time zone and is asked to log in to pick one", async () => {
    const context = await newContext(browser, "en-US", { timezoneId: "Europe/Berlin" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(profilePath);
    await page.waitForURL(/tz=Europe%2FBerlin/);
    await page.waitForSelector("[data-testid=slot]");
    expect(await page.inputValue("#picker-tz")).toBe("Europe/Berlin");
    // Berlin is 7 or 8 hours behind Seoul, so the consultant's own time is shown alongside.
    expect(await page.locator("[data-testid=slot] .slot-consultant-time").first().textContent()).toMatch(/^consultant \d/);
    await Promise.all([page.waitForURL(/\/login\?redirectTo=/), page.locator("[data-testid=slot]").first().click()]);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("redirectTo") ?? "")).toContain(profilePath);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the SME finds the consultant in the directory, picks a slot and lands on checkout", async () => {
    const context = await newContext(browser, "ko-KR");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, "demo-sme@techbridge.example", PASSWORD);
    await page.goto("/consultants?kind=valuation&field=battery&language=ko");
    const card = page.locator("[data-testid=consultant-card]", { hasText: "Demo Consultant" });
    await expect.poll(() => card.count()).toBe(1);
    // Korean headline, in Korean.
    expect(await card.textContent()).toContain("기술가치평가 및 라이선싱 전략");
    await Promise.all([page.waitForURL(/\/consultants\/demo-consultant-[^?]*\?service=/), card.locator(`a:has-text("${serviceTitle}")`).click()]);
    await page.waitForSelector("[data-testid=slot]");
    const first = page.locator("[data-testid=slot]").first();
    const startsAt = await first.getAttribute("value");
    expect(new Date(startsAt!).getTime()).toBeGreaterThan(Date.now());
    // The SME's zone is Seoul, the consultant's too: no second time shown.
    expect(await page.locator("[data-testid=slot] .slot-consultant-time").count()).toBe(0);
    await Promise.all([page.waitForURL(/\/bookings\/[^/]+\/checkout/), first.click()]);
    await screenshot(page, "consulting-checkout-ko");
    expect(await page.textContent("h1")).toBeTruthy();
    expect(await page.textContent("[data-testid=price]")).toContain("300,000");

    // The same slot is now held: it is no longer offered.
    await page.goto(profilePath);
    await page.waitForSelector("[data-testid=slot-picker]");
    expect(await page.locator(`[data-testid=slot][value="${startsAt}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [locale, lng] of [["ko-KR", "ko"], ["en-US", "en"], ["ar", "ar"]] as const) {
    it(`renders the directory, a profile and the workspace in ${lng}, also at 360 px`, async () => {
      const context = await newContext(browser, locale, { timezoneId: "Asia/Seoul" });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto("/consultants");
      expect(await page.getAttribute("html", "lang")).toBe(lng);
      expect(Number(await page.getAttribute("[data-testid=consultant-count]", "data-total"))).toBeGreaterThanOrEqual(6);
      await screenshot(page, `consultants-${lng}`);
      await page.goto(profilePath);
      await page.waitForSelector("[data-testid=slot]");
      await screenshot(page, `consultant-profile-${lng}`);
      await page.setViewportSize({ width: 360, height: 780 });
      // Nothing may force the page wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(362);
      await firstScreen(page, `consultant-profile-${lng}-360`);
      await page.locator("#slots").scrollIntoViewIfNeeded();
      await firstScreen(page, `consultant-picker-${lng}-360`);
      await page.goto("/consultants");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(362);
      await firstScreen(page, `consultants-${lng}-360`);
      await login(page, "demo-consultant@techbridge.example", PASSWORD);
      await page.goto(`/workspace/consulting?tab=availability&lng=${lng}`);
      await page.waitForSelector("[data-testid=rules-form]");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(362);
      await firstScreen(page, `consulting-workspace-${lng}-360`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/workspace/consulting?tab=sessions&lng=${lng}`);
      await page.waitForSelector("[data-testid=week-calendar]");
      await screenshot(page, `consulting-workspace-sessions-${lng}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
