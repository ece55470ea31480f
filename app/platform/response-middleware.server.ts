/**
 * What runs in front of every response (server.ts): a per-request CSP nonce and the client
 * address the app may trust, security headers (CSP with that nonce, HSTS and upgrade of insecure
 * requests in production over https, frame-ancestors, referrer policy) and compression.
 * `bench:search`'s Express floor (scripts/lib/floor-server.ts) mounts the same list, so the
 * floor measures exactly this stack.
 */
import { randomBytes } from "node:crypto";
import compression from "compression";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

export function responseMiddleware({ production, appUrl }: { production: boolean; appUrl?: string }): RequestHandler[] {
  const https = production && Boolean(appUrl?.startsWith("https:"));
  return [
    (req, res, next) => {
      res.locals.nonce = randomBytes(16).toString("base64");
      // Only the server decides the client address the app sees.
      req.headers["x-techbridge-client-ip"] = req.ip ?? "";
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'", "https://checkout.stripe.com"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": https ? [] : null,
        },
      },
      strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
    }),
    compression(),
  ];
}
