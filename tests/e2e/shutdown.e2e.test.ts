/**
 * Graceful shutdown of the built app (server.ts): on SIGTERM the server stops accepting
 * connections at once, lets the request in flight finish (its database write included) and
 * then exits 0. Its own server process, on a free port with a fresh data folder, so the
 * shared app of the browser tests is not affected.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/database.server";
import { freePort } from "../../scripts/lib/net";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "whsec_shutdown_test_secret";


function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("graceful shutdown", () => {
  it("SIGTERM: refuses new connections, finishes the request in flight with 200, then exits 0", async () => {
    const port = await freePort();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "techbridge-shutdown-"));
    let output = "";
    const proc = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${port}`, SEED_DEMO: "false", DATABASE_URL: "", MEILI_HOST: "", STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: SECRET, SMTP_URL: "", SESSION_SECRET: "shutdown-test-session-secret-0123" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
    const waitForOutput = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) return resolve();
          if (proc.exitCode !== null) return reject(new Error(`server exited before "${text}":\n${output}`));
          setTimeout(check, 20);
        };
        check();
      });
    proc.stdout!.on("data", (d) => (output += d));
    proc.stderr!.on("data", (d) => (output += d));
    await waitForOutput("TechBridge is ready");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // A webhook delivery whose body arrives slowly: the request is in flight when SIGTERM comes.
    const payload = JSON.stringify({ id: "evt_inflight_shutdown", object: "event", type: "customer.created", data: { object: {} } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const body = Buffer.from(payload);
    const half = Math.floor(body.length / 2);
    const agent = new http.Agent({ keepAlive: true });
    const req = http.request({ host: "127.0.0.1", port, path: "/webhooks/stripe", method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": body.length, "Stripe-Signature": signature } });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.once("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      });
      req.once("error", reject);
    });
    req.write(body.subarray(0, half));
    // Give the server time to read the request line and headers of the half-sent request.
    await new Promise((r) => setTimeout(r, 500));

    proc.kill("SIGTERM");
    await waitForOutput("SIGTERM: finishing in-flight requests");
    // The listener is closed: a new connection is refused while the old request is still open.
    expect(await connectOutcome(port)).toBe("ECONNREFUSED");
    expect(proc.exitCode).toBeNull();

    req.end(body.subarray(half));
    expect(await response).toEqual({ status: 200, text: "ignored" });
    expect(await exited).toEqual({ code: 0, signal: null });
    agent.destroy();
    expect(await connectOutcome(port)).toBe("ECONNREFUSED");

    // The in-flight request's write reached the database before it was closed.
    const db = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    try {
      expect(await db.sql.query(`SELECT id FROM "ProcessedWebhookEvent" WHERE id = 'evt_inflight_shutdown'`)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
