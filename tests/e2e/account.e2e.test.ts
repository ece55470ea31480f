/**
 * Password change in the browser: a buyer signed in on two devices changes the password on
 * one; the other device is signed out at its next click, this one stays signed in, and the
 * old password no longer opens the account. A wrong current password is refused in the
 * user's language without touching anything.
 */
import { describe, expect, it } from "vitest";
import { login, newContext, screenshot, watchErrors, chromiumForThisFile } from "./browser";

const browser = chromiumForThisFile();

const stamp = Date.now().toString(36);
const email = `security-${stamp}@weber.example`;

describe("password and devices", () => {
  it("changing the password signs out the other device and keeps this one", async () => {
    const laptop = await (await newContext(browser(), "ko-KR")).newPage();
    const errors = watchErrors(laptop);
    await laptop.goto("/signup");
    await laptop.check("input[name=role][value=buyer]");
    await laptop.fill("#f-name", "Anna Weber");
    await laptop.fill("#f-organisationName", "Weber Maschinenbau GmbH");
    await laptop.fill("#f-country", "DE");
    await laptop.fill("#f-email", email);
    await laptop.fill("#f-password", "first-password-1");
    await Promise.all([laptop.waitForURL((u) => !u.pathname.startsWith("/signup")), laptop.click("main form button[type=submit]")]);

    const phone = await (await newContext(browser(), "en-US", { viewport: { width: 360, height: 740 } })).newPage();
    await login(phone, email, "first-password-1");
    await phone.goto("/account/security");
    expect(await phone.locator("[data-testid=devices] li").count()).toBe(2);

    // Reached from the account menu.
    await laptop.click("summary:has(.account-name)");
    await Promise.all([laptop.waitForURL("**/account/security"), laptop.click("a[href='/account/security']")]);
    // The URL changes before the new page is shown (it may still be fetching its translations).
    await expect.poll(() => laptop.textContent("h1")).toBe("비밀번호 및 기기");

    // Wrong current password: refused in Korean, the new password still typed (JavaScript on).
    await laptop.fill("#f-current", "not-my-password");
    await laptop.fill("#f-password", "second-password-2");
    await laptop.fill("#f-confirm", "second-password-2");
    await laptop.click("section:has(#password-heading) button[type=submit]");
    await expect.poll(() => laptop.textContent("#f-current-error")).toContain("현재 비밀번호가 올바르지 않습니다");
    expect(await laptop.inputValue("#f-password")).toBe("second-password-2");

    await laptop.fill("#f-current", "first-password-1");
    await laptop.click("section:has(#password-heading) button[type=submit]");
    await expect.poll(() => laptop.textContent("[role=status]")).toContain("1대");
    await screenshot(laptop, "account-security-changed");

    // This browser is still signed in (with a new session id); the phone is not.
    await laptop.reload();
    expect(await laptop.locator("[data-testid=devices] li").count()).toBe(1);
    await phone.goto("/account/security");
    expect(new URL(phone.url()).pathname).toBe("/login");

    // The old password is dead, the new one works.
    await phone.fill("#f-email", email);
    await phone.fill("#f-password", "first-password-1");
    await phone.click("main form button[type=submit]");
    await expect.poll(() => phone.textContent("[role=alert]")).toContain("not correct");
    await login(phone, email, "second-password-2");
    await phone.goto("/account/security");
    expect(await phone.locator("[data-testid=devices] li").count()).toBe(2);

    // Signing out the laptop from the phone.
    await phone.click("[data-testid=devices] li:not(:has(.badge)) button");
    await expect.poll(() => phone.locator("[data-testid=devices] li").count()).toBe(1);
    await laptop.goto("/account/security");
    expect(new URL(laptop.url()).pathname).toBe("/login");
    expect(errors).toEqual([]);
  });
});
