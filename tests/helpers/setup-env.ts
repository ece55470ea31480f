/**
 * Per-test-file environment: a throwaway data folder, no background worker, and
 * console.error turned into a failure unless a test expects it (tests call
 * `expectConsoleError()` first), so unexpected server errors never pass silently.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";
import { setEnvForTests } from "~/env.server";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "techbridge-test-"));
setEnvForTests({ NODE_ENV: "test", DATA_DIR: dataDir, JOBS_DISABLED: "true", SESSION_SECRET: "test-session-secret-0123456789", DATABASE_URL: "" });

let allowed = 0;
/** Declares that the current test expects console.error to be called (e.g. a logged failure). */
export function expectConsoleError() {
  allowed = Number.POSITIVE_INFINITY;
}

beforeEach(() => {
  allowed = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (allowed > 0) return;
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
