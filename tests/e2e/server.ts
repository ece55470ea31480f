/**
 * Starts the built app for the browser tests on a free port, in a fresh data folder, with
 * the demo data, exactly as `npm start` runs it; stops it afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/lib/net";


let child: ChildProcess | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject) {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "techbridge-e2e-"));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, APP_URL: baseUrl, SEED_DEMO: "true", DATABASE_URL: "", MEILI_HOST: "", STRIPE_SECRET_KEY: "", SMTP_URL: "", RATE_LIMIT_LOGIN: "1000", RATE_LIMIT_SIGNUP: "1000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The app's own log, kept beside the screenshots for when a page answers 500.
  mkdirSync(path.resolve("test-results/e2e"), { recursive: true });
  const log = createWriteStream(path.resolve("test-results/e2e/server.log"));
  child.stdout!.on("data", (d) => ((output += d), log.write(d)));
  child.stderr!.on("data", (d) => ((output += d), log.write(d)));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`The app did not become healthy in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("baseUrl", baseUrl);
  return async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r) ?? r(null));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
