/**
 * Browser end-to-end tests: the built app started as a user would start it (embedded
 * PGlite and search, demo data) and driven in Debian's Chromium through playwright-core.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("../../app", import.meta.url)),
      "@search": fileURLToPath(new URL("../../search", import.meta.url)),
      "@tests": fileURLToPath(new URL("..", import.meta.url)),
    },
  },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["tests/e2e/server.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});
