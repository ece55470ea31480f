import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { titleMeta } from "./meta";

describe("tab titles", () => {
  it("reads '<page> · TechBridge', or just 'TechBridge' without a page title", () => {
    const call = (data: unknown) => titleMeta({ data } as Parameters<typeof titleMeta>[0]);
    expect(call({ pageTitle: "배터리" })).toEqual([{ title: "배터리 · TechBridge" }]);
    expect(call(undefined)).toEqual([{ title: "TechBridge" }]);
  });

  it("every page (a route file with a default export) names its tab", () => {
    const dir = path.resolve("app/routes");
    const untitled = readdirSync(dir)
      .filter((f) => f.endsWith(".tsx") && !f.includes(".test."))
      .filter((f) => {
        const source = readFileSync(path.join(dir, f), "utf8");
        return /^export default /m.test(source) && !/^export (const|function) meta\b/m.test(source);
      });
    expect(untitled).toEqual([]);
  });
});
