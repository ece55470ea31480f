/**
 * The HTTP server: Express in front of the Remix build, so security headers (CSP with a
 * per-request nonce), rate limits, static caching, health and graceful shutdown are ours.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { rateLimit } from "express-rate-limit";
import { responseMiddleware } from "./app/platform/response-middleware.server";

const BUILD_PATH = path.resolve("build/index.js");
const production = process.env.NODE_ENV === "production";

type AppModule = ServerBuild & {
  entry: { module: ServerBuild["entry"]["module"] & {
    boot: (opts: { seed?: (log: (l: string) => void) => Promise<void> }) => Promise<{ shutdown(): Promise<void> }>;
    seedDemoData?: (log: (l: string) => void) => Promise<void>;
    healthReport: () => Promise<{ ok: boolean; [k: string]: unknown }>;
    rateLimitMessage: (request: express.Request) => Promise<string>;
    crossSiteMessage: (request: express.Request) => Promise<string>;
    badRequestMessage: (request: { url: string; headers: express.Request["headers"] }) => Promise<string>;
    isUnusableUrl: (url: string) => boolean;
    isCrossSiteWrite: (facts: { method: string; host?: string; origin?: string; secFetchSite?: string }, trustedOrigins?: readonly string[]) => boolean;
  } };
};

const build = (await import(pathToFileURL(BUILD_PATH).href)) as AppModule;
const app = build.entry.module;
const seedDemo = (process.env.SEED_DEMO ?? "true") !== "false";
const running = await app.boot({ seed: seedDemo ? app.seedDemoData : undefined });

const server = express();
server.disable("x-powered-by");
server.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");

server.use(responseMiddleware({ production, appUrl: process.env.APP_URL }));

server.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
server.use("/locales", express.static("locales", { maxAge: "1y", immutable: true, fallthrough: false }));
// No file lives under /api/: skip the disk lookup (a stat per request) on the JSON API.
const publicFiles = express.static("public", { maxAge: "1h" });
server.use((req, res, next) => (req.path.startsWith("/api/") ? next() : publicFiles(req, res, next)));

server.get("/healthz", async (_req, res) => {
  const report = await app.healthReport();
  res.status(report.ok ? 200 : 503).json(report);
});

// U+0000 or bytes that are not UTF-8 in the URL: nothing can answer to it (app/platform/unusable-url.ts).
server.use(async (req, res, next) => {
  if (!app.isUnusableUrl(req.originalUrl)) return next();
  res.status(400).type("text/plain; charset=utf-8").send(await app.badRequestMessage({ url: "/", headers: req.headers }));
});

// CSRF: writes started by another site are refused before any action runs (see app/platform/same-origin.ts).
const trustedOrigins = process.env.APP_URL ? [new URL(process.env.APP_URL).origin] : [];
server.use(async (req, res, next) => {
  const facts = { method: req.method, host: req.get("host"), origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") };
  if (!app.isCrossSiteWrite(facts, trustedOrigins)) return next();
  res.status(403).type("text/plain; charset=utf-8").send(await app.crossSiteMessage(req));
});

const limiter = (limit: number, windowMs: number) =>
  rateLimit({
    windowMs,
    limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skip: (req) => req.method !== "POST",
    handler: async (req, res) => {
      res.status(429).type("text/plain; charset=utf-8").send(await app.rateLimitMessage(req));
    },
  });
server.use(["/login", "/forgot-password", "/account/security"], limiter(Number(process.env.RATE_LIMIT_LOGIN ?? 20), 15 * 60 * 1000));
server.use(["/signup"], limiter(Number(process.env.RATE_LIMIT_SIGNUP ?? 10), 60 * 60 * 1000));
// Writes that reach other people: new inquiries, thread messages, slot holds and checkouts.
server.use(["/technologies/:slug/inquire"], limiter(Number(process.env.RATE_LIMIT_INQUIRY ?? 10), 60 * 60 * 1000));
server.use(["/inquiries/:id"], limiter(Number(process.env.RATE_LIMIT_MESSAGE ?? 60), 10 * 60 * 1000));
server.use(["/consultants/:slug", "/bookings/:id/checkout"], limiter(Number(process.env.RATE_LIMIT_BOOKING ?? 30), 60 * 60 * 1000));

server.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce as string }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const listener = server.listen(port, process.env.HOST ?? "0.0.0.0", () => {
  console.log(`TechBridge is ready at http://localhost:${port}`);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing in-flight requests and jobs…`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  // Stop accepting connections, then wait for the requests in flight: the database and the
  // jobs are closed only after the last response (keep-alive connections are closed as soon
  // as they fall idle, so they cannot hold the process open).
  await new Promise<void>((resolve) => {
    listener.close(() => resolve());
    listener.closeIdleConnections();
    setInterval(() => listener.closeIdleConnections(), 100).unref();
  });
  await running.shutdown();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
