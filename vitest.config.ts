import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "@search": fileURLToPath(new URL("./search", import.meta.url)),
  "@tests": fileURLToPath(new URL("./tests", import.meta.url)),
};

// Suites that touch the database run on PGlite always, and again on the PostgreSQL server
// when TEST_POSTGRES_URL is set (CI sets it; .ci/run refuses to run without it).
const DB_SUITES = ["tests/db/**/*.test.ts", "app/**/*.db.test.ts"];

if (process.env.CI === "true" && !process.env.TEST_POSTGRES_URL) {
  throw new Error("CI must run the database suites on PostgreSQL too: set TEST_POSTGRES_URL (see .ci/run).");
}

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/setup-env.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "pglite",
          include: ["app/**/*.test.{ts,tsx}", "search/**/*.test.ts", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          env: { TEST_DATABASE: "pglite" },
        },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: DB_SUITES,
                env: { TEST_DATABASE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
