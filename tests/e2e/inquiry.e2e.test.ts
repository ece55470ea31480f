/**
 * The inquiry path in the browser: a verified buyer finds a listing and sends an inquiry,
 * the seller answers in Korean, both sides accept the NDA, and the confidential detail
 * appears for that buyer only — another verified buyer still sees it locked. Then the buyer
 * books a facilitated meeting from the inquiry, pays on the test page, and the seller confirms
 * as the other party.
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

const TITLE = "Lithium-borate surface coating";
const SECRET = "H3BO3 dosage 0.35 wt%";
let inquiryUrl = "";
let listingUrl = "";

async function signedIn(locale: string, email: string): Promise<Page> {
  const context = await newContext(browser, locale);
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  return page;
}

describe("inquiry → NDA → confidential detail", () => {
  it("a verified buyer finds the listing and sends an inquiry; a refused form keeps the text", async () => {
    const page = await signedIn("en-US", "demo-buyer@techbridge.example");
    const errors = watchErrors(page);
    await page.goto("/technologies?q=lithium%20borate%20coating");
    await Promise.all([page.waitForURL("**/technologies/**"), page.click(`a:has-text("${TITLE}")`)]);
    listingUrl = new URL(page.url()).pathname;
    await page.waitForSelector("[data-testid=confidential-locked]");
    await Promise.all([page.waitForURL("**/inquire"), page.click("[data-testid=inquiry-cta] a")]);

    // Too short: refused with a message, the typed text still there.
    await page.selectOption("#f-purpose", "license");
    await page.fill("#f-questions", "Price?");
    await page.fill("#f-companyIntro", "Cell maker in Nevada, 2 GWh.");
    await page.click("main form button[type=submit]");
    await expect.poll(() => page.textContent("#f-questions-error")).toContain("10");
    expect(await page.inputValue("#f-companyIntro")).toBe("Cell maker in Nevada, 2 GWh.");

    await page.fill("#f-questions", "Could the coating run on our existing calciner? What boron content do you target?");
    await Promise.all([page.waitForURL("**/inquiries/**"), page.click("main form button[type=submit]")]);
    inquiryUrl = new URL(page.url()).pathname;
    expect(await page.textContent("[data-testid=inquiry-status]")).toContain("Submitted");
    expect(await page.textContent(".thread")).toContain("existing calciner");
    await screenshot(page, "inquiry-buyer-sent");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the seller sees it in the inbox in Korean, with the buyer's profile, and answers", async () => {
    const page = await signedIn("ko-KR", "demo-sme@techbridge.example");
    const errors = watchErrors(page);
    await page.goto("/inquiries");
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    await Promise.all([page.waitForURL(`**${inquiryUrl}`), page.click(`[data-testid=inbox] a[href='${inquiryUrl}']`)]);
    expect(await page.textContent("[data-testid=buyer-profile]")).toContain("US");
    await page.fill("#f-body", "네, 기존 소성로에서 가능합니다. 붕소 550 ppm이 목표입니다.");
    await Promise.all([page.waitForURL("**done=sent**"), page.click(".reply-form button[type=submit]")]);
    await expect.poll(() => page.textContent("[data-testid=inquiry-status]")).not.toContain("Submitted");
    // The seller asks for the NDA straight away.
    await Promise.all([page.waitForURL("**done=status**"), page.click("button[data-event=request_nda]")]);
    await page.check("#nda input[name=agree]");
    await Promise.all([page.waitForURL("**done=ndaAccepted**"), page.click("#nda button[type=submit]")]);
    await screenshot(page, "inquiry-seller-ko");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the buyer accepts the NDA and the confidential section opens for that buyer", async () => {
    const page = await signedIn("en-US", "demo-buyer@techbridge.example");
    const errors = watchErrors(page);
    await page.goto(inquiryUrl);
    expect(await page.textContent(".thread")).toContain("550 ppm");
    expect(await page.textContent("[data-testid=nda-text]")).toContain("MUTUAL NON-DISCLOSURE AGREEMENT");
    await page.check("#nda input[name=agree]");
    await Promise.all([page.waitForURL("**done=ndaComplete**"), page.click("#nda button[type=submit]")]);
    await expect.poll(() => page.textContent("[data-testid=inquiry-status]")).toContain("NDA signed");
    await page.goto(listingUrl);
    expect(await page.textContent("[data-testid=confidential-text]")).toContain(SECRET);
    await screenshot(page, "inquiry-buyer-confidential");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("another verified buyer still sees the confidential section locked and cannot open the inquiry", async () => {
    const page = await signedIn("de-DE", "katrin.vogel@hartmann-mikrosysteme.example.com");
    await page.goto(listingUrl);
    await page.waitForSelector("[data-testid=confidential-locked]");
    expect(await page.content()).not.toContain(SECRET);
    const response = await page.goto(inquiryUrl);
    expect(response?.status()).toBe(404);
    await page.context().close();
  });

  it("the buyer books a facilitated meeting from the inquiry and the seller confirms it", async () => {
    const buyer = await signedIn("en-US", "demo-buyer@techbridge.example");
    const errors = watchErrors(buyer);
    await buyer.goto(inquiryUrl);
    await Promise.all([buyer.waitForURL("**/consultants?**"), buyer.click("[data-testid=book-meeting]")]);
    await Promise.all([buyer.waitForURL("**/consultants/**"), buyer.click('[data-testid=consultant-card]:has-text("Facilitated buyer") a >> nth=0')]);
    // The profile opens with its first service selected; pick the interpreted online meeting if it is not.
    const serviceLink = buyer.locator('[data-testid=service-card]:has-text("Interpreted online buyer meeting") a');
    if (await serviceLink.count()) await Promise.all([buyer.waitForURL("**service=**"), serviceLink.click()]);
    await buyer.waitForSelector("[data-testid=slot]");
    await Promise.all([buyer.waitForURL("**/bookings/*/checkout"), buyer.click("[data-testid=slot] >> nth=0")]);
    const bookingPath = new URL(buyer.url()).pathname.replace(/\/checkout$/, "");
    await Promise.all([buyer.waitForURL("**/payments/test/**"), buyer.click("main form button[type=submit]")]);
    await Promise.all([buyer.waitForURL("**/bookings/**?paid=1"), buyer.click("button[value=pay]")]);
    expect(await buyer.textContent("[data-testid=booking-status]")).toMatch(/awaiting/i);
    expect(errors).toEqual([]);
    await buyer.context().close();

    const seller = await signedIn("ko-KR", "demo-sme@techbridge.example");
    await seller.goto("/bookings");
    await Promise.all([seller.waitForURL(`**${bookingPath}`), seller.click(`a[href='${bookingPath}']`)]);
    await Promise.all([seller.waitForResponse((r) => r.request().method() === "POST"), seller.click("button[value=confirmCounterpart]")]);
    await expect.poll(() => seller.textContent("[data-testid=booking-status]")).toContain("확정");
    await screenshot(seller, "inquiry-meeting-confirmed");
    await seller.context().close();
  });
});
