/**
 * Reference servers for `bench:search`'s floors (not part of the app):
 *   bare     node:http answering a constant 11-byte JSON (what the load generator itself allows);
 *   express  Express with the app's per-request middleware (nonce, helmet's CSP, compression)
 *            answering a constant JSON shaped like a page of search results (12 hits, facets):
 *            what any handler behind the app's HTTP stack costs before it does any work.
 *
 *   node --import tsx scripts/lib/floor-server.ts <bare|express> <port>
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { seedListings } from "../../search/bench/mix";

const [kind, port] = [process.argv[2], Number(process.argv[3])];
const ready = () => console.log("up");

if (kind === "bare") {
  http
    .createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end('{"ok":true}');
    })
    .listen(port, "127.0.0.1", ready);
} else {
  const hits = seedListings.slice(0, 12).map((listing, i) => {
    const text = listing.texts.en ?? Object.values(listing.texts)[0]!;
    return { id: `listing-${i}`, slug: `bench-${i}`, title: text.title, summary: text.summary, textLocale: "en", isFallback: false, field: listing.field, trl: listing.trl, organisation: "(주)벤치 Bench Co.", highlights: { title: [{ text: text.title, match: false }], summary: [{ text: text.summary, match: false }] } };
  });
  const body = JSON.stringify({ total: 20725, page: 1, pageSize: 12, facets: { field: { battery: 20725 }, trl: { "1": 2300, "9": 2301 }, hasValuation: { true: 0, false: 20725 } }, hits });
  const server = express();
  server.disable("x-powered-by");
  server.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  server.use(helmet({ contentSecurityPolicy: { useDefaults: true, directives: { "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.nonce}'`] } } }));
  server.use(compression());
  server.get("*", (_req, res) => {
    res.type("application/json").send(body);
  });
  server.listen(port, "127.0.0.1", ready);
}
