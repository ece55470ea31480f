import { describe, expect, it } from "vitest";
import { safeRedirect } from "./http.server";

describe("safeRedirect", () => {
  it.each([
    ["/workspace", "/workspace"],
    ["/technologies?q=battery", "/technologies?q=battery"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/ok\r\nSet-Cookie: x", "/"],
    [null, "/"],
    ["/technologies?q=배터리 셀", "/technologies?q=%EB%B0%B0%ED%84%B0%EB%A6%AC%20%EC%85%80"],
    ["/inquiries\uD800", "/inquiries%EF%BF%BD"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input as string | null)).toBe(expected);
  });
});
