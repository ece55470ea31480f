/**
 * schema.prisma and the SQL migrations must describe the same database. This applies the
 * migrations (via setupTestDatabase) and compares the live catalogue with Prisma's own
 * reading of schema.prisma (its DMMF): tables, columns, types, nullability, enums and
 * unique constraints. A change to one without the other fails here.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { setupTestDatabase } from "@tests/helpers/database";

const require = createRequire(import.meta.url);
const wasm = require("@prisma/prisma-schema-wasm/src/prisma_schema_build.js") as { get_dmmf(params: string): string };

type DmmfField = { name: string; dbName?: string | null; kind: string; type: string; isList: boolean; isRequired: boolean; isUnique: boolean; isId: boolean; nativeType: [string, string[]] | null };
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { fields: string[] } | null };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: { model: string; type: string; fields: { name: string }[] }[] } };

const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", readFileSync("prisma/schema.prisma", "utf8")]] }))) as Dmmf;

function expectedType(f: DmmfField): string {
  if (f.kind === "enum") return f.type;
  const native = f.nativeType;
  if (native) {
    const [name, args] = native;
    switch (name) {
      case "Timestamptz":
        return `timestamptz(${args[0] ?? 6})`;
      case "Timestamp":
        return `timestamp(${args[0] ?? 6})`;
      case "Date":
        return "date";
      case "Char":
        return `character(${args[0]})`;
      case "VarChar":
        return `varchar(${args[0]})`;
      default:
        return name.toLowerCase();
    }
  }
  return ({ String: "text", Int: "integer", BigInt: "bigint", Float: "double precision", Boolean: "boolean", DateTime: "timestamp(3)", Json: "jsonb", Decimal: "numeric(65,30)", Bytes: "bytea" } as Record<string, string>)[f.type] ?? f.type;
}

function actualType(c: { data_type: string; udt_name: string; character_maximum_length: number | null; datetime_precision: number | null }): string {
  switch (c.data_type) {
    case "timestamp with time zone":
      return `timestamptz(${c.datetime_precision})`;
    case "timestamp without time zone":
      return `timestamp(${c.datetime_precision})`;
    case "character":
      return `character(${c.character_maximum_length})`;
    case "character varying":
      return `varchar(${c.character_maximum_length})`;
    case "USER-DEFINED":
      return c.udt_name;
    default:
      return c.data_type;
  }
}

describe("schema.prisma and the migrations agree", () => {
  setupTestDatabase();

  it("has the same tables, columns, types and nullability", async () => {
    const columns = await sql.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string; character_maximum_length: number | null; datetime_precision: number | null }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = new Map<string, string>();
    for (const c of columns) {
      const type = c.data_type === "ARRAY" ? `${actualType({ ...c, data_type: c.udt_name.replace(/^_/, "") === "text" ? "text" : c.udt_name.replace(/^_/, "") })}[]` : actualType(c);
      actual.set(`${c.table_name}.${c.column_name}`, `${type} ${c.is_nullable === "YES" ? "NULL" : "NOT NULL"}`);
    }
    const expected = new Map<string, string>();
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      for (const f of model.fields) {
        if (f.kind !== "scalar" && f.kind !== "enum") continue;
        const type = f.isList ? `${expectedType(f)}[]` : expectedType(f);
        // Prisma creates list columns without NOT NULL (an empty list is the default).
        const nullable = !f.isRequired || f.isList;
        expected.set(`${table}.${f.dbName ?? f.name}`, `${type} ${nullable ? "NULL" : "NOT NULL"}`);
      }
    }
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });

  it("has the same enums", async () => {
    const rows = await sql.query<{ typname: string; enumlabel: string }>(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual: Record<string, string[]> = {};
    for (const r of rows) (actual[r.typname] ??= []).push(r.enumlabel);
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it("has the same unique constraints and primary keys", async () => {
    const rows = await sql.query<{ table_name: string; columns: string[] | string; primary: boolean }>(
      `SELECT c.relname AS table_name, i.indisprimary AS primary,
              array_agg(a.attname ORDER BY array_position(i.indkey::int2[], a.attnum)) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
       WHERE i.indisunique AND i.indpred IS NULL AND c.relname <> '_prisma_migrations'
       GROUP BY c.relname, i.indexrelid, i.indisprimary`,
    );
    const asList = (v: string[] | string) => (Array.isArray(v) ? v : v.replace(/[{}]/g, "").split(","));
    const actual = rows.map((r) => `${r.table_name}${r.primary ? " PK" : ""}(${asList(r.columns).join(",")})`).sort();
    const expected: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const column = (name: string) => model.fields.find((f) => f.name === name)?.dbName ?? name;
      const id = model.fields.find((f) => f.isId);
      if (id) expected.push(`${table} PK(${column(id.name)})`);
      if (model.primaryKey) expected.push(`${table} PK(${model.primaryKey.fields.map(column).join(",")})`);
      for (const f of model.fields) if (f.isUnique) expected.push(`${table}(${column(f.name)})`);
    }
    for (const index of dmmf.datamodel.indexes) {
      if (index.type !== "unique") continue;
      const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
      const table = model.dbName ?? model.name;
      const cols = index.fields.map((f) => model.fields.find((x) => x.name === f.name)?.dbName ?? f.name);
      if (cols.length === 1 && model.fields.find((x) => x.name === index.fields[0]!.name)?.isUnique) continue;
      expected.push(`${table}(${cols.join(",")})`);
    }
    expect(actual).toEqual([...new Set(expected)].sort());
  });

  it("records every migration folder in Prisma's own table", async () => {
    const rows = await sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    const { readdirSync } = await import("node:fs");
    const folders = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
  });
});
