/**
 * Accessibility of the main pages, in Korean, English and Arabic (right to left): axe-core
 * (WCAG 2 A and AA rules) must find no serious or critical violation, and at 360 px width no
 * page may scroll sideways. Signed-in pages are checked as the demo SME and the demo buyer.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/factories.server";
import { launchBrowser, login, newContext, screenshot, watchErrors } from "./browser";

const LANGUAGES = [
  { lng: "ko", locale: "ko-KR", dir: "ltr" },
  { lng: "en", locale: "en-US", dir: "ltr" },
  { lng: "ar", locale: "ar", dir: "rtl" },
] as const;

type Audit = { page: string; violations: string[]; overflow: number | null };

let browser: Browser;
let listingPath = "";
let consultantPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  // A real listing and consultant profile from the demo data, found the way a visitor finds them.
  const context = await newContext(browser, "en-US");
  const page = await context.newPage();
  await page.goto("/technologies?lng=en");
  listingPath = new URL((await page.locator("a[href^='/technologies/']").first().getAttribute("href"))!, "http://x").pathname;
  await page.goto("/consultants?lng=en");
  consultantPath = new URL((await page.locator("a[href^='/consultants/']").first().getAttribute("href"))!, "http://x").pathname;
  await context.close();
});

afterAll(async () => {
  await browser?.close();
});

function withLng(path: string, lng: string) {
  return `${path}${path.includes("?") ? "&" : "?"}lng=${lng}`;
}

/** axe's serious and critical findings, one line each: rule, impact, the offending elements. */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 8).join(" | ")}${v.nodes.length > 8 ? ` … +${v.nodes.length - 8}` : ""}`);
}

async function audit(context: BrowserContext, path: string, lng: string, dir: string, name: string): Promise<Audit> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(withLng(path, lng));
  expect(response?.status(), `${path} (${lng})`).toBeLessThan(400);
  expect(await page.getAttribute("html", "lang")).toBe(lng);
  expect(await page.getAttribute("html", "dir")).toBe(dir);
  const violations = await axeFindings(page);
  await page.setViewportSize({ width: 360, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (violations.length || width > 361) await screenshot(page, `a11y-${name}-${lng}`);
  await page.close();
  expect(errors, `${path} (${lng})`).toEqual([]);
  return { page: `${lng} ${path}`, violations, overflow: width > 361 ? width : null };
}

function report(audits: Audit[]) {
  return audits
    .filter((a) => a.violations.length || a.overflow)
    .map((a) => [`${a.page}:`, ...a.violations.map((v) => `  ${v}`), ...(a.overflow ? [`  horizontal overflow at 360 px: scrollWidth ${a.overflow}`] : [])].join("\n"))
    .join("\n");
}

describe.each(LANGUAGES)("accessibility in $lng", ({ lng, locale, dir }) => {
  it("public pages: no serious or critical axe violations, no sideways scrolling at 360 px", async () => {
    const context = await newContext(browser, locale);
    const pages: Array<[string, string]> = [
      ["/", "landing"],
      ["/technologies?q=battery", "search"],
      [listingPath, "listing"],
      ["/login", "login"],
      ["/signup", "signup"],
      ["/consultants", "consultants"],
      [consultantPath, "consultant"],
    ];
    const audits: Audit[] = [];
    for (const [path, name] of pages) audits.push(await audit(context, path, lng, dir, name));
    await context.close();
    expect(report(audits)).toBe("");
  });

  it("signed-in pages of the SME and the buyer: no serious or critical axe violations, no sideways scrolling", async () => {
    const audits: Audit[] = [];
    const sme = await newContext(browser, locale);
    await login(await sme.newPage(), "demo-sme@techbridge.example", DEMO_PASSWORD);
    for (const [path, name] of [
      ["/workspace", "sme-workspace"],
      ["/inquiries", "sme-inquiries"],
    ]) {
      audits.push(await audit(sme, path!, lng, dir, name!));
    }
    await sme.close();
    const buyer = await newContext(browser, locale);
    await login(await buyer.newPage(), "demo-buyer@techbridge.example", DEMO_PASSWORD);
    for (const [path, name] of [
      ["/workspace/needs", "buyer-needs"],
      ["/inquiries", "buyer-inquiries"],
    ]) {
      audits.push(await audit(buyer, path!, lng, dir, name!));
    }
    await buyer.close();
    expect(report(audits)).toBe("");
  });
});
