/**
 * Booking and paying in the browser: the demo SME picks a consultant's slot, sees the hold's
 * countdown and the export-voucher split at checkout, is declined once and then pays on the
 * labelled test-payment page (signed events through the webhook handler), and lands on a
 * confirmed booking with its .ics. Another company opening the booking gets a 404.
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

let bookingPath = "";

async function signedIn(locale: string, email: string): Promise<Page> {
  const context = await newContext(browser, locale, { timezoneId: locale === "ko-KR" ? "Asia/Seoul" : "Europe/Berlin" });
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  return page;
}

describe("slot → checkout with voucher → test payment → confirmed", () => {
  it("the SME books and pays a valuation session, part by export voucher", async () => {
    const page = await signedIn("ko-KR", "demo-sme@techbridge.example");
    const errors = watchErrors(page);
    await page.goto("/consultants");
    await Promise.all([page.waitForURL("**/consultants/**"), page.click('[data-testid=consultant-card]:has-text("기술가치평가 전문가") a >> nth=0')]);
    await page.waitForSelector("[data-testid=slot]");
    await Promise.all([page.waitForURL("**/bookings/*/checkout"), page.click("[data-testid=slot] >> nth=0")]);
    bookingPath = new URL(page.url()).pathname.replace(/\/checkout$/, "");

    await expect.poll(() => page.textContent("[data-testid=hold-countdown]")).toMatch(/1[45]:\d\d|\d:\d\d/);
    const price = await page.textContent("[data-testid=price]");
    expect(await page.textContent("[data-testid=card-part]")).toBe(price);
    // The seeded voucher covers 70 % of a KRW price; the card pays the rest.
    const won = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));
    const total = won(price);
    await page.check('input[name=voucherId]:not([value=""])');
    await expect.poll(async () => won(await page.textContent("[data-testid=voucher-part]"))).toBe(Math.floor(total * 0.7));
    const cardPart = won(await page.textContent("[data-testid=card-part]"));
    expect(cardPart).toBe(total - Math.floor(total * 0.7));
    await screenshot(page, "booking-checkout");

    await Promise.all([page.waitForURL("**/payments/test/**"), page.click("main form button[type=submit]")]);
    expect(await page.textContent("[data-testid=test-payment-banner]")).toContain("테스트 결제");
    expect(won(await page.textContent("[data-testid=test-amount]"))).toBe(cardPart);
    await page.click("button[value=decline]");
    await page.waitForSelector(".alert-error");
    expect(await page.textContent(".alert-error")).toContain("거절");
    await screenshot(page, "booking-test-payment");
    await Promise.all([page.waitForURL("**/bookings/**?paid=1"), page.click("button[value=pay]")]);

    expect(await page.textContent("[data-testid=booking-status]")).toContain("확정");
    expect(await page.textContent("[data-testid=cancel-policy]")).toContain("24시간");
    const ics = await page.request.get(`${bookingPath}.ics`);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toContain(`UID:booking-${bookingPath.split("/").pop()}@techbridge`);
    await screenshot(page, "booking-confirmed");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("another company cannot open the booking (404)", async () => {
    const page = await signedIn("en-US", "demo-buyer@techbridge.example");
    const response = await page.goto(bookingPath);
    expect(response?.status()).toBe(404);
    await page.context().close();
  });

  it("the consultant completes a past valuation session and the listing shows the valuation as verified", async () => {
    // The demo seed holds a paid valuation session from two days ago, awaiting its outcome.
    const consultant = await signedIn("en-US", "seoyeon.park@kvalue-appraisal.example.kr");
    const errors = watchErrors(consultant);
    await consultant.goto("/workspace/consulting");
    const form = consultant.locator("[data-testid=awaiting-outcome] [data-testid=complete-form]").first();
    await form.locator("[name=outcome]").fill("Income approach on the 2027–2036 licence plan; discount rate 14 %.");
    await form.locator("select[name='valuation.method']").selectOption("income");
    await form.locator("select[name='valuation.currency']").selectOption("KRW");
    await form.locator("[name='valuation.low']").fill("1,800,000,000");
    await form.locator("[name='valuation.high']").fill("2400000000");
    const validUntil = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await form.locator("[name='valuation.validUntil']").fill(validUntil);
    await Promise.all([consultant.waitForURL("**saved=completed**"), form.locator("button[value=complete]").click()]);
    expect(errors).toEqual([]);
    await consultant.context().close();

    const visitor = await (await newContext(browser, "en-US")).newPage();
    await visitor.goto("/technologies?q=lithium%20borate%20coating");
    await Promise.all([visitor.waitForURL("**/technologies/**"), visitor.click('a:has-text("Lithium-borate surface coating")')]);
    await visitor.waitForSelector("[data-testid=confidential-locked]");
    const aside = await visitor.textContent(".detail-aside");
    expect(aside).toContain("₩1.8B");
    expect(aside).toContain("₩2.4B");
    expect(aside).toContain("Verified valuation");
    await screenshot(visitor, "booking-valuation-verified");
    await visitor.context().close();
  });
});
