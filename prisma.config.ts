import { defineConfig } from "prisma/config";

// The client needs no engine (driver adapters); migrations are SQL files applied by
// app/db/migrate.server.ts, so the CLI here is only used for `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
