/**
 * Reference servers for `bench:search`'s floors (not part of the app):
 *   bare     node:http answering a constant 11-byte JSON (what the load generator itself allows);
 *   express  Express with the app's per-request middleware (`responseMiddleware`: nonce, security
 *            headers, compression)
 *            answering a constant JSON shaped like a page of search results (12 hits, facets):
 *            what any handler behind the app's HTTP stack costs before it does any work.
 *
 *   node --import tsx scripts/lib/floor-server.ts <bare|express> <port>
 */
import http from "node:http";
import express from "express";
import { responseMiddleware } from "../../app/platform/response-middleware.server";
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
  // The app's own list (as `bench:search` starts the app: production, no https APP_URL).
  server.use(responseMiddleware({ production: true }));
  server.get("*", (_req, res) => {
    res.type("application/json").send(body);
  });
  server.listen(port, "127.0.0.1", ready);
}
