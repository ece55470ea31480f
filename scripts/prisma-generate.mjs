#!/usr/bin/env node
// Generates the Prisma client (app/generated/prisma). The Prisma 7 CLI insists on a
// schema-engine binary at start-up, which it would download; generation itself does not
// use it, so any existing file satisfies the check (see shared/ENVIRONMENT.md). Skips the
// work when the schema has not changed since the last generation.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const schema = readFileSync(path.join(root, "prisma/schema.prisma"));
const pkg = readFileSync(path.join(root, "node_modules/prisma/package.json"));
const stamp = createHash("sha256").update(schema).update(pkg).digest("hex");
const stampFile = path.join(root, "app/generated/prisma/.schema-hash");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp && !process.argv.includes("--force")) process.exit(0);
execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
writeFileSync(stampFile, stamp);
