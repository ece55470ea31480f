/**
 * Stored script payloads never execute. Hostile text is stored through the real entry points —
 * an operator's bulk import (listing title, summary, keywords, confidential text), a buyer's
 * sign-up (name, company, the browser's User-Agent) and inquiry (questions, company intro) —
 * then every page that shows it is opened in Chromium by the people who would see it: search
 * results with highlighted matches, the listing page (and its OpenGraph/JSON-LD head), the
 * inquiry thread on both sides, notifications, the seller's workspace, the operator's admin
 * page and the signed-in devices list. On each page: no dialog opened, no marker element made
 * it into the DOM, the page-wide flag stayed unset, and the payload is shown as literal text.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/factories.server";
import { baseUrl, newContext, chromiumForThisFile } from "./browser";

const browser = chromiumForThisFile();

const stamp = Date.now().toString(36);
const WORD = `xylophonic${stamp}`; // a search word only this listing has
const PAYLOADS = [
  `<img src=x data-xss onerror="window.__xss=1;alert(1)">`,
  `<script data-xss>window.__xss=2;alert(2)</script>`,
  `"><svg data-xss onload="window.__xss=3;alert(3)">`,
  `</title></script><script data-xss>window.__xss=4</script>`,
  `{{constructor.constructor('window.__xss=5')()}}`,
];
const hostile = (label: string) => `${label} ${PAYLOADS.join(" ")}`;
/** For fields with short limits (titles 160, names 120 characters). */
const short = (label: string, a: number, b: number) => `${label} ${PAYLOADS[a]} ${PAYLOADS[b]}`;

async function post(path: string, body: URLSearchParams | FormData, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl()}${path}`, { method: "POST", redirect: "manual", headers: { Origin: baseUrl(), ...(cookie ? { Cookie: cookie } : {}), ...headers }, body });
}
const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("tb_session="))!.split(";")[0]!;
async function login(email: string) {
  const response = await post("/login", new URLSearchParams({ email, password: DEMO_PASSWORD }));
  expect(response.status).toBe(302);
  return sessionCookie(response);
}

/** Opens the page as the holder of `cookie` and checks that nothing the payloads carry ran. */
async function checkPage(path: string, cookie: string | null, expectLiteral: boolean) {
  const context = await newContext(browser(), "en-US");
  if (cookie) {
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseUrl() }]);
  }
  const page: Page = await context.newPage();
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const found = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: number }).__xss ?? null,
    markers: document.querySelectorAll("[data-xss]").length,
    text: document.body.innerText,
    head: document.head.innerHTML,
  }));
  expect({ path, dialogs, flag: found.flag, markers: found.markers, cspViolations }).toEqual({ path, dialogs: [], flag: null, markers: 0, cspViolations: [] });
  if (expectLiteral) expect(found.text, path).toContain(`<img src=x data-xss`);
  await context.close();
  return found;
}

describe("stored script payloads", () => {
  it("are shown as text and never run, wherever they are displayed", async () => {
    // 1. An operator imports a published listing for the demo SME whose texts are hostile.
    const admin = await login("admin@techbridge.example");
    const listing = {
      externalRef: `xss-${stamp}`,
      organisationExternalRef: "sme-01",
      status: "published",
      field: "battery",
      trl: 6,
      keywords: { en: [WORD, "<b data-xss>kw</b>"] },
      texts: {
        en: { title: short(`${WORD} coating`, 0, 3), summary: hostile(`${WORD} summary`), problem: hostile("problem"), solution: hostile("solution"), advantages: hostile("advantages"), applications: hostile("applications") },
        ko: { title: short("코팅", 0, 1), summary: hostile("요약"), problem: "문제", solution: "해결", advantages: "장점", applications: "응용" },
      },
      confidential: { en: hostile("secret") },
      transferModes: ["non_exclusive_license"],
      workingLanguages: ["ko", "en"],
    };
    const form = new FormData();
    form.append("file", new Blob([JSON.stringify([listing])], { type: "application/json" }), "xss.json");
    form.append("publish", "on");
    const imported = await post("/admin/import", form, admin);
    expect(imported.status, (await imported.text()).match(/validation:[\w.]+|row \d+[^<]{0,120}/g)?.join(" ") ?? "").toBeLessThan(400);
    const api = (await (await fetch(`${baseUrl()}/api/v1/search?q=${WORD}`)).json()) as { hits: { slug: string }[] };
    await expect.poll(async () => ((await (await fetch(`${baseUrl()}/api/v1/search?q=${WORD}`)).json()) as { total: number }).total, { timeout: 15_000 }).toBe(1);
    const slug = api.hits[0]?.slug ?? ((await (await fetch(`${baseUrl()}/api/v1/search?q=${WORD}`)).json()) as { hits: { slug: string }[] }).hits[0]!.slug;

    // 2. A buyer signs up with a hostile name, company and browser, and sends a hostile inquiry.
    const signup = await post(
      "/signup",
      new URLSearchParams({ role: "buyer", name: short("Mallory", 0, 2), organisationName: short("Evil GmbH", 1, 3), country: "DE", email: `xss-${stamp}@evil.example`, password: "xss-password-123", locale: "en", timeZone: "Europe/Berlin" }),
      undefined,
      { "User-Agent": short("Mozilla/5.0", 0, 1) },
    );
    expect(signup.status).toBe(302);
    const buyer = sessionCookie(signup);
    const inquiry = await post(`/technologies/${slug}/inquire`, new URLSearchParams({ purpose: "license", preferredMode: "", questions: hostile("Questions about the licence terms:"), companyIntro: hostile("We make batteries.") }), buyer);
    expect(inquiry.status).toBe(302);
    const thread = new URL(inquiry.headers.get("location")!, baseUrl()).pathname;

    // 3. Every page that shows the text, opened by those who would see it.
    const seller = await login("demo-sme@techbridge.example");
    const search = await checkPage(`/technologies?q=${WORD}`, null, true);
    expect(search.text).toContain(`${WORD} coating`);
    const page = await checkPage(`/technologies/${slug}`, null, true);
    // The head (title, OpenGraph, JSON-LD) carries the title escaped, never as markup.
    expect(page.head).not.toMatch(/<script data-xss/);
    await checkPage(`/technologies/${slug}`, buyer, true);
    await checkPage(thread, buyer, true);
    await checkPage(thread, seller, true);
    await checkPage("/notifications", seller, false);
    await checkPage("/inquiries", seller, true);
    await checkPage("/workspace", seller, false);
    await checkPage("/admin", admin, false);
    await checkPage("/account/security", buyer, true);
    await checkPage(`/api/v1/technologies/${slug}`, null, false);
  }, 120_000);
});
