#!/usr/bin/env bash
# Prints the SQL that takes the database from one schema.prisma to another, for a new
# migration folder: prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql.
#
#   scripts/migration-sql.sh [FROM_REF]      # FROM_REF: git ref of the old schema (default HEAD)
#
# Why a script: the Prisma 7 CLI downloads its schema engine at start-up, which this
# project's machines cannot do; Prisma 6.19's CLI with engine "js" diffs schemas offline
# with its WASM schema engine. It runs in a throwaway folder and is never a dependency.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
from_ref=${1:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo '{"name":"migration-sql","private":true}' > package.json
npm install --silent prisma@6.19 @prisma/client@6.19 pglite-prisma-adapter@0.6 @electric-sql/pglite >/dev/null 2>&1
to_url='  url = "postgresql://unused@localhost/unused"'
sed "s|^  provider = \"postgresql\"|&\n$to_url|" "$root/prisma/schema.prisma" > to.prisma
if git -C "$root" cat-file -e "$from_ref:prisma/schema.prisma" 2>/dev/null; then
  git -C "$root" show "$from_ref:prisma/schema.prisma" | sed "s|^  provider = \"postgresql\"|&\n$to_url|" > from.prisma
  from=(--from-schema-datamodel from.prisma)
else
  from=(--from-empty)
fi
cat > prisma.config.ts <<'TS'
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "to.prisma",
  adapter: async () => new PrismaPGlite(new PGlite()),
} as never);
TS
touch engine-placeholder
PRISMA_QUERY_ENGINE_LIBRARY=$PWD/engine-placeholder PRISMA_SCHEMA_ENGINE_BINARY=$PWD/engine-placeholder \
PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel to.prisma --script
