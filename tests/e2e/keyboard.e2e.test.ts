/**
 * Keyboard only: a buyer goes from the landing page through search to a listing and sends an
 * inquiry without touching the mouse — Tab, Shift+Tab, typing, arrow keys and Enter — and every
 * element that receives focus on the way shows a visible focus indicator. The skip link is the
 * first stop and moves focus past the header.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { discover, signUp } from "../../scripts/load/driver";
import { baseUrl, newContext, screenshot, watchErrors, chromiumForThisFile } from "./browser";

const browser = chromiumForThisFile();

type Focused = { tag: string; id: string; type: string; text: string; href: string; visible: boolean };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", id: "", type: "", text: "", href: "", visible: true };
    const shows = (node: Element | null) => {
      if (!node) return false;
      const style = getComputedStyle(node);
      return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    };
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: el.getAttribute("type") ?? "",
      text: (el.textContent ?? "").trim().slice(0, 80),
      href: el.getAttribute("href") ?? "",
      visible: shows(el) || shows(el.parentElement),
    };
  });
}

/** Tabs forward until `match` holds for the focused element; every stop must show its focus. */
async function tabTo(page: Page, match: (f: Focused) => boolean, max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    expect(f.visible, `focus not visible on <${f.tag} id="${f.id}"> "${f.text}"`).toBe(true);
    if (match(f)) return f;
  }
  throw new Error("never reached the element by Tab");
}

describe("keyboard only", () => {
  it("landing → search → listing → inquiry sent, with visible focus at every stop", async () => {
    const target = await discover(baseUrl(), 50);
    const cookie = await signUp(target, { email: `keyboard-${Date.now().toString(36)}@nordic.example`, password: "keyboard-password-1", role: "buyer" }, "Keyboard Buyer");
    const context = await newContext(browser(), "en-US");
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseUrl() }]);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/");

    // The first Tab reaches the skip link; Enter moves focus into <main>.
    await page.keyboard.press("Tab");
    expect((await focused(page)).href).toBe("#main");
    await page.keyboard.press("Enter");

    // The hero search box: type and submit with Enter.
    await tabTo(page, (f) => f.tag === "input");
    await page.keyboard.type("hydrogen");
    await Promise.all([page.waitForURL("**/technologies?**"), page.keyboard.press("Enter")]);
    await page.waitForSelector("[data-testid=results-count]");

    // From the results, Tab to the first listing link and open it.
    const link = await tabTo(page, (f) => f.tag === "a" && /^\/technologies\/[^/?]+$/.test(f.href));
    await Promise.all([page.waitForURL(`**${link.href}`), page.keyboard.press("Enter")]);

    // The inquiry call to action.
    await tabTo(page, (f) => f.tag === "a" && f.href.endsWith("/inquire"));
    await Promise.all([page.waitForURL("**/inquire"), page.keyboard.press("Enter")]);

    // The form: a select by arrow keys, text by typing, submit with Enter on the button.
    await tabTo(page, (f) => f.id === "f-purpose");
    await page.keyboard.press("ArrowDown");
    expect(await page.inputValue("#f-purpose")).not.toBe("");
    await tabTo(page, (f) => f.id === "f-questions");
    await page.keyboard.type("Is the electrolyser stack available for a pilot licence in Norway next year?");
    await tabTo(page, (f) => f.tag === "button" && f.type === "submit");
    await screenshot(page, "keyboard-inquiry-form");
    await Promise.all([page.waitForURL("**/inquiries/**"), page.keyboard.press("Enter")]);
    expect(await page.textContent(".thread")).toContain("electrolyser stack");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keys pressed while a page is still hydrating never break it", async () => {
    // A keyboard user tabs as soon as the page appears. React 18 then hydrates synchronously, and
    // anything that suspends in that render killed the page (React error #345, 9 of 12 loads
    // here before the fix in entry.client.tsx). A slowed CPU widens the window as a phone would.
    for (const path of ["/", "/technologies?q=battery", "/consultants", "/login"]) {
      for (let round = 0; round < 2; round++) {
        const context = await newContext(browser(), "en-US");
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        const errors = watchErrors(page);
        await page.goto(path, { waitUntil: "commit" });
        for (const until = Date.now() + 2_000; Date.now() < until; ) {
          await page.keyboard.press("Tab");
          await page.waitForTimeout(15);
        }
        await page.waitForFunction(() => Boolean((window as { __remixRouter?: unknown }).__remixRouter));
        expect(errors, `${path} (round ${round + 1})`).toEqual([]);
        await context.close();
      }
    }
  });
});
