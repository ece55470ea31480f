/**
 * The process's configuration, validated once at boot: a missing or malformed value fails
 * fast with the field's name. Every variable is listed in README.md's configuration table.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default("data"),
    SESSION_SECRET: z.string().min(16).optional(),
    MEILI_HOST: z.string().url().optional(),
    MEILI_MASTER_KEY: z.string().optional(),
    MEILI_INDEX: z.string().default("listings"),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_API_BASE: z.string().url().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("TechBridge <no-reply@techbridge.example>"),
    /** Korean business days a seller has to answer an inquiry. */
    INQUIRY_RESPONSE_DAYS: z.coerce.number().int().min(1).max(30).default(5),
    SEED_DEMO: bool,
    JOBS_DISABLED: bool,
    LOG_REQUESTS: bool,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production with DATABASE_URL" });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required with STRIPE_SECRET_KEY" });
    }
    if (env.MEILI_HOST && !env.MEILI_MASTER_KEY && env.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["MEILI_MASTER_KEY"], message: "is required with MEILI_HOST in production" });
    }
  });

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  sessionSecrets: string[];
  uploadDir: string;
  pgliteDir: string;
};

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${fields}`);
  }
  const env = result.data;
  return {
    ...env,
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
    // Comma-separated to allow rotation: the first signs, all verify.
    sessionSecrets: (env.SESSION_SECRET ?? localSecret(env.DATA_DIR)).split(","),
    uploadDir: path.resolve(env.DATA_DIR, "uploads"),
    pgliteDir: path.resolve(env.DATA_DIR, "pglite"),
  };
}

/** Without SESSION_SECRET (embedded, single machine) a random secret is kept in the data folder. */
function localSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "session-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
/** Tests replace the configuration explicitly rather than mutating process.env. */
export function setEnvForTests(overrides: Partial<NodeJS.ProcessEnv>) {
  cached = parseEnv({ ...process.env, ...overrides });
}
