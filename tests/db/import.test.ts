/**
 * Bulk listing import (app/listings/import.server.ts): JSON and CSV files, row-numbered
 * errors with nothing written, idempotent re-import by externalRef, publication by an
 * operator with the search sync queued, and a 2,000-row file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import {
  decodeImportBytes,
  detectImportFormat,
  importFile,
  importListings,
  MAX_IMPORT_BYTES,
  parseImportFile,
  type ImportError,
  type ImportResult,
} from "~/listings/import.server";
import { createOrganisation, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

let adminId: string;

beforeAll(async () => {
  await createOrganisation(prisma, { externalRef: "imp-org-a", kind: "sme", name: "가나 배터리" });
  await createOrganisation(prisma, { externalRef: "imp-org-b", kind: "sme", name: "다라 바이오" });
  await createOrganisation(prisma, { externalRef: "imp-buyer", kind: "buyer", country: "US", name: "Buyer Inc." });
  adminId = (await createUser(prisma, { role: "admin" })).id;
});

const texts = (n: string) => ({
  ko: { title: `고체 전해질 코팅 ${n}`, summary: "요약", problem: "문제", solution: "해결", advantages: "장점", applications: "응용" },
  en: { title: `Solid electrolyte coating ${n}`, summary: "Summary", problem: "Problem", solution: "Solution", advantages: "Advantages", applications: "Applications" },
});

function row(ref: string, overrides: Record<string, unknown> = {}) {
  return {
    externalRef: ref,
    organisationExternalRef: "imp-org-a",
    field: "battery",
    trl: 6,
    ipc: ["H01M 10/0525"],
    keywords: { ko: ["전해질"], en: ["electrolyte", "coating"] },
    texts: texts(ref),
    confidential: { ko: "ALD 120℃" },
    patents: [
      { number: "10-1234567", jurisdiction: "KR", status: "registered", title: "Coating method", filedOn: "2020-01-02", expiresOn: "2040-01-02" },
      { number: "US 11000000 B2", jurisdiction: "US", status: "applied", title: "Coated anode", filedOn: null },
    ],
    transferModes: ["non_exclusive_license"],
    askingMinMinor: 100_000_000,
    askingMaxMinor: 300_000_000,
    currency: "KRW",
    targetRegions: ["europe"],
    targetCountries: ["DE"],
    willTravel: true,
    valuation: { method: "income", lowMinor: 500_000_000, highMinor: 700_000_000, currency: "KRW", valuedOn: "2026-01-10", validUntil: "2027-01-09", issuer: "KOTEC", certificateRef: "K-1", verified: true },
    consultingNeeds: ["export_regulation"],
    workingLanguages: ["ko", "en"],
    ...overrides,
  };
}

function expectFailure(result: ImportResult): ImportError[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

async function counts(refPrefix: string) {
  const where = { listing: { externalRef: { startsWith: refPrefix } } };
  return {
    listings: await prisma.listing.count({ where: { externalRef: { startsWith: refPrefix } } }),
    translations: await prisma.listingTranslation.count({ where }),
    patents: await prisma.patent.count({ where }),
    valuations: await prisma.valuation.count({ where }),
  };
}

describe("JSON import", () => {
  it("creates draft listings with translations, patents and the valuation, and audits the file once", async () => {
    const file = JSON.stringify([row("json-1"), row("json-2", { organisationExternalRef: undefined, valuation: null, patents: [] })]);
    const result = await importFile(file, "json", { actorId: adminId, defaultOrganisationRef: "imp-org-b", fileName: "batch.json" });
    expect(result).toMatchObject({ ok: true, rows: 2, created: 2, updated: 0, published: 0 });
    const first = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "json-1" }, include: { translations: true, patents: true, valuations: true, organisation: true } });
    expect(first).toMatchObject({ status: "draft", field: "battery", trl: 6, askingMinMinor: 100_000_000n, askingCurrency: "KRW", organisation: { externalRef: "imp-org-a" } });
    expect(first.keywords).toEqual(["전해질", "electrolyte", "coating"]);
    expect(first.translations.map((t) => t.locale).sort()).toEqual(["en", "ko"]);
    expect(first.translations.find((t) => t.locale === "ko")?.confidential).toBe("ALD 120℃");
    expect(first.patents).toHaveLength(2);
    expect(first.valuations[0]).toMatchObject({ source: "admin_confirmed", lowMinor: 500_000_000n, issuerName: "KOTEC" });
    const second = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "json-2" }, include: { organisation: true } });
    expect(second.organisation.externalRef).toBe("imp-org-b");
    const audit = await prisma.auditLog.findMany({ where: { action: "listing.import", entityId: result.ok ? result.importId : "" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ fileName: "batch.json", rows: 2, created: 2 });
  });

  it("is idempotent by externalRef: a second run updates fields and replaces children without duplicates", async () => {
    const rows = [row("idem-1"), row("idem-2"), row("idem-3")];
    expect(await importListings(rows, { actorId: null })).toMatchObject({ ok: true, created: 3, updated: 0 });
    const before = await counts("idem-");
    const ids = (await prisma.listing.findMany({ where: { externalRef: { startsWith: "idem-" } }, orderBy: { externalRef: "asc" } })).map((l) => l.id);

    expect(await importListings(rows, { actorId: null })).toMatchObject({ ok: true, created: 0, updated: 3 });
    expect(await counts("idem-")).toEqual(before);

    const changed = [row("idem-1", { trl: 8, texts: { ko: texts("x").ko }, patents: [] }), rows[1], rows[2]];
    expect(await importListings(changed, { actorId: null })).toMatchObject({ ok: true, created: 0, updated: 3 });
    const after = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "idem-1" }, include: { translations: true, patents: true } });
    expect(after).toMatchObject({ id: ids[0], trl: 8 });
    expect(after.translations.map((t) => t.locale)).toEqual(["ko"]);
    expect(after.patents).toEqual([]);
    expect((await prisma.listing.findMany({ where: { externalRef: { startsWith: "idem-" } }, orderBy: { externalRef: "asc" } })).map((l) => l.id)).toEqual(ids);
  });
});

describe("a file with a bad row imports nothing", () => {
  const cases: [string, Record<string, unknown>, Partial<ImportError>][] = [
    ["TRL 11", { trl: 11 }, { path: "trl", messageKey: "validation:trlRange" }],
    ["a negative price", { askingMinMinor: -5 }, { path: "askingMinMinor", messageKey: "validation:nonNegative" }],
    ["an unknown field code", { field: "quantum_teleport" }, { path: "field", messageKey: "validation:invalidChoice" }],
    ["a TRL of the wrong type", { trl: "seven" }, { path: "trl", messageKey: "validation:number" }],
    ["a misspelt key", { tittle: "x" }, { path: "tittle", messageKey: "validation:import.unknownKey" }],
    ["an unknown language", { texts: { ...texts("l"), fr: { title: "Revêtement", summary: "" } } }, { path: "texts.fr", messageKey: "validation:import.unknownLocale" }],
    ["a bad patent date", { patents: [{ number: "1", jurisdiction: "KR", status: "applied", title: "t", filedOn: "2020-13-01" }] }, { path: "patents[1].filedOn", messageKey: "validation:date" }],
    [
      "a published row without a Korean title",
      { status: "published", texts: { ko: { ...texts("p").ko, title: "" }, en: texts("p").en } },
      { path: "texts.ko.title", messageKey: "validation:import.requiredToPublish" },
    ],
    ["an unknown organisation", { organisationExternalRef: "nobody" }, { path: "organisationExternalRef", messageKey: "validation:import.unknownOrganisation", params: { ref: "nobody" } }],
    ["a buyer organisation", { organisationExternalRef: "imp-buyer" }, { path: "organisationExternalRef", messageKey: "validation:import.organisationNotSeller" }],
  ];
  for (const [name, overrides, expected] of cases) {
    it(`reports ${name} at its row`, async () => {
      const before = await prisma.listing.count();
      const errors = expectFailure(await importListings([row(`bad-a-${name}`), row(`bad-b-${name}`, overrides), row(`bad-c-${name}`)], { actorId: adminId, publish: true }));
      expect(errors).toContainEqual(expect.objectContaining({ row: 2, ...expected }));
      expect(errors.every((e) => e.row === 2)).toBe(true);
      expect(await prisma.listing.count()).toBe(before);
    });
  }

  it("reports every bad row, duplicates and all, in row order", async () => {
    const errors = expectFailure(await importListings([row("multi-1", { trl: 0 }), row("multi-2"), row("multi-2"), { nope: true }, "text"], { actorId: null }));
    expect(errors.map((e) => [e.row, e.messageKey])).toEqual([
      [1, "validation:trlRange"],
      [3, "validation:import.duplicateRef"],
      [4, "validation:required"],
      [4, "validation:required"],
      [4, "validation:required"],
      [4, "validation:import.unknownKey"],
      [5, "validation:import.rowNotObject"],
    ]);
    expect(errors[1]!.params).toEqual({ row: 2 });
    expect(await prisma.listing.count({ where: { externalRef: { startsWith: "multi-" } } })).toBe(0);
  });

  it("reports broken JSON at the row it breaks, with line and column", () => {
    const file = `[\n${JSON.stringify(row("broken-1"))},\n{"externalRef": "broken-2", "trl": 6,,}\n]`;
    const result = parseImportFile(file, "json");
    expect(result).toEqual({ ok: false, errors: [{ row: 2, path: "", messageKey: "validation:import.badJson", params: { line: 3, column: 38 } }] });
    expect(parseImportFile(`[${JSON.stringify(row("t"))}`, "json")).toMatchObject({ ok: false, errors: [{ row: 1, messageKey: "validation:import.badJson" }] });
    expect(parseImportFile(`{"externalRef": "x"}`, "json")).toMatchObject({ ok: false, errors: [{ row: 0, messageKey: "validation:import.notArray" }] });
    expect(parseImportFile("  ", "json")).toMatchObject({ ok: false, errors: [{ row: 0, messageKey: "validation:import.empty" }] });
  });

  it("refuses oversized files, wrong file types and other encodings before parsing", () => {
    expect(decodeImportBytes(new Uint8Array(MAX_IMPORT_BYTES + 1))).toMatchObject({ ok: false, errors: [{ messageKey: "validation:import.tooLarge", params: { maxMb: 50 } }] });
    expect(decodeImportBytes(new Uint8Array([0x5b, 0xff, 0x5d]))).toMatchObject({ ok: false, errors: [{ messageKey: "validation:import.encoding" }] });
    expect(decodeImportBytes(new TextEncoder().encode("[]"))).toEqual({ ok: true, text: "[]" });
    expect(detectImportFormat("listings.JSON")).toBe("json");
    expect(detectImportFormat("listings.csv", "application/octet-stream")).toBe("csv");
    expect(detectImportFormat("listings.xlsx", "text/csv")).toBeNull();
    expect(detectImportFormat("blob", "text/csv; charset=utf-8")).toBe("csv");
  });

  it("refuses an import by someone who is not an operator", async () => {
    const sme = await createUser(prisma, { role: "sme" });
    const error = await importListings([row("forbidden-1")], { actorId: sme.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).status).toBe(403);
  });
});

const CSV_HEADER = "externalRef,organisationExternalRef,field,trl,ipc,transferModes,askingMinMinor,askingMaxMinor,currency,targetRegions,willTravel,title_ko,summary_ko,title_en,summary_en";

describe("CSV import", () => {
  it("imports the flat fields, with lists split on semicolons and quoted commas kept", async () => {
    const file = [
      CSV_HEADER,
      'csv-1,imp-org-a,display,5,"H01L 51/50; G09G 3/32",exclusive_license;assignment,50000,90000,USD,europe;north_america,yes,마이크로 LED 전사,"요약, 쉼표 포함",Micro-LED transfer,"Summary, with a comma"',
      "csv-2,imp-org-b,cosmetics,3,,,,,,,,,,Peptide serum,Stable peptide",
    ].join("\r\n");
    const result = await importFile(`\uFEFF${file}`, "csv", { actorId: null });
    expect(result).toMatchObject({ ok: true, created: 2 });
    const first = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "csv-1" }, include: { translations: true } });
    expect(first).toMatchObject({ field: "display", trl: 5, ipcCodes: ["H01L 51/50", "G09G 3/32"], transferModes: ["exclusive_license", "assignment"], askingMinMinor: 50000n, askingCurrency: "USD", willTravel: true, originalLocale: "ko" });
    expect(first.translations.find((t) => t.locale === "ko")?.summary).toBe("요약, 쉼표 포함");
    const second = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "csv-2" }, include: { translations: true } });
    expect(second).toMatchObject({ askingMinMinor: null, askingCurrency: null, originalLocale: "en" });
    expect(second.translations.map((t) => t.locale)).toEqual(["en"]);
  });

  it("updates a listing from CSV without touching the patents and valuation it cannot carry", async () => {
    await importListings([row("csv-keep-1")], { actorId: null });
    const file = [CSV_HEADER, "csv-keep-1,imp-org-a,battery,9,,,,,,,,제목,요약,,"].join("\n");
    expect(await importFile(file, "csv", { actorId: null })).toMatchObject({ ok: true, updated: 1 });
    const listing = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "csv-keep-1" }, include: { translations: true, patents: true, valuations: true } });
    expect(listing).toMatchObject({ trl: 9, askingMinMinor: null });
    expect(listing.translations.map((t) => [t.locale, t.title])).toEqual([["ko", "제목"]]);
    expect(listing.patents).toHaveLength(2);
    expect(listing.valuations).toHaveLength(1);
  });

  it("names CSV columns and data rows (header not counted) in errors", async () => {
    const file = [CSV_HEADER, "csv-bad-1,imp-org-a,display,11,,,-1,,USD,,,제목,요약,Title,Summary", "csv-bad-2,imp-org-a,display,4,,,,,,,maybe,,,,"].join("\n");
    const errors = expectFailure(await importFile(file, "csv", { actorId: null }));
    expect(errors).toEqual([
      { row: 1, path: "trl", messageKey: "validation:trlRange" },
      { row: 1, path: "askingMinMinor", messageKey: "validation:nonNegative" },
      { row: 2, path: "willTravel", messageKey: "validation:import.expectedBoolean" },
    ]);
    expect(await prisma.listing.count({ where: { externalRef: { startsWith: "csv-bad-" } } })).toBe(0);
  });

  it("reports broken CSV rows: a wrong column count per row, an unclosed quote at its row, unknown columns", () => {
    const short = [CSV_HEADER, "a,imp-org-a,display,4,,,,,,,,,,T,S", "b,imp-org-a,display", "c,imp-org-a,display,4,,,,,,,,,,T,S,extra"].join("\n");
    expect(parseImportFile(short, "csv")).toEqual({
      ok: false,
      errors: [
        { row: 2, path: "", messageKey: "validation:import.csvColumns", params: { expected: 15, got: 3 } },
        { row: 3, path: "", messageKey: "validation:import.csvColumns", params: { expected: 15, got: 16 } },
      ],
    });
    const quote = [CSV_HEADER, "a,imp-org-a,display,4,,,,,,,,,,T,S", 'b,imp-org-a,display,4,,,,,,,,,,"T,S'].join("\n");
    expect(parseImportFile(quote, "csv")).toMatchObject({ ok: false, errors: [{ row: 2, messageKey: "validation:import.badCsv" }] });
    expect(parseImportFile("externalRef,field,trl,colour\n", "csv")).toMatchObject({ ok: false, errors: [{ row: 0, path: "colour", messageKey: "validation:import.unknownColumn" }] });
    expect(parseImportFile("externalRef,field\nx,battery\n", "csv")).toMatchObject({ ok: false, errors: [{ row: 0, path: "trl", messageKey: "validation:import.missingColumn" }] });
  });
});

describe("publication by an operator", () => {
  it("publishes rows marked published, clears screening, sets a 12-month expiry and queues one search sync each", async () => {
    const rows = [row("pub-1", { status: "published" }), row("pub-2", { status: "published", field: "cosmetics", ipc: ["A61K 8/64"] }), row("pub-3")];
    const result = await importListings(rows, { actorId: adminId, publish: true });
    expect(result).toMatchObject({ ok: true, created: 3, published: 2 });
    const listings = await prisma.listing.findMany({ where: { externalRef: { startsWith: "pub-" } }, orderBy: { externalRef: "asc" } });
    expect(listings.map((l) => [l.status, l.screening])).toEqual([
      ["published", "cleared"],
      ["published", "not_required"],
      ["draft", "not_required"],
    ]);
    expect(listings[0]!.expiresAt!.getTime() - listings[0]!.publishedAt!.getTime()).toBeGreaterThan(364 * 86_400_000);
    expect(listings[0]!.screenedById).toBe(adminId);
    const queued = await prisma.outboxMessage.findMany({ where: { topic: "search.sync_listing" } });
    const synced = queued.map((m) => (m.payload as { listingId: string }).listingId);
    expect(synced.filter((id) => id === listings[0]!.id || id === listings[1]!.id)).toHaveLength(2);
    expect(synced).not.toContain(listings[2]!.id);
  });

  it("keeps rows as drafts without the publish option, and never unpublishes on re-import", async () => {
    expect(await importListings([row("nopub-1", { status: "published" })], { actorId: adminId })).toMatchObject({ ok: true, published: 0 });
    expect((await prisma.listing.findUniqueOrThrow({ where: { externalRef: "nopub-1" } })).status).toBe("draft");

    await importListings([row("live-1", { status: "published" })], { actorId: adminId, publish: true });
    const live = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "live-1" } });
    const syncsBefore = await prisma.outboxMessage.count({ where: { topic: "search.sync_listing" } });
    expect(await importListings([row("live-1", { trl: 7 })], { actorId: adminId })).toMatchObject({ ok: true, updated: 1, published: 1 });
    const after = await prisma.listing.findUniqueOrThrow({ where: { externalRef: "live-1" } });
    expect(after).toMatchObject({ status: "published", trl: 7, publishedAt: live.publishedAt, expiresAt: live.expiresAt });
    expect(await prisma.outboxMessage.count({ where: { topic: "search.sync_listing" } })).toBe(syncsBefore + 1);
  });

  it("publishes an existing draft on re-import, keeps an operator's restriction and platform valuations", async () => {
    await importListings([row("later-1"), row("later-2")], { actorId: null });
    const restricted = await prisma.listing.update({ where: { externalRef: "later-2" }, data: { screening: "restricted", status: "expired" } });
    await prisma.valuation.create({
      data: { listingId: restricted.id, method: "market", lowMinor: 1n, highMinor: 2n, currency: "KRW", valuedOn: new Date("2026-01-01"), validUntil: new Date("2027-01-01"), issuerName: "Consultant", source: "platform_session" },
    });
    const result = await importListings([row("later-1", { status: "published" }), row("later-2", { status: "published" })], { actorId: adminId, publish: true });
    expect(result).toMatchObject({ ok: true, created: 0, updated: 2, published: 2 });
    const [first, second] = await prisma.listing.findMany({ where: { externalRef: { in: ["later-1", "later-2"] } }, orderBy: { externalRef: "asc" }, include: { valuations: true } });
    expect(first).toMatchObject({ status: "published", screening: "cleared", screenedById: adminId });
    expect(first!.publishedAt).not.toBeNull();
    expect(second).toMatchObject({ status: "published", screening: "restricted" });
    expect(second!.valuations.map((v) => v.source).sort()).toEqual(["admin_confirmed", "platform_session"]);
  });

  it("puts a live listing under screening when a re-import moves it into a screened field", async () => {
    await importListings([row("screen-1", { status: "published", field: "cosmetics", ipc: ["A61K 8/64"] })], { actorId: adminId, publish: true });
    expect((await prisma.listing.findUniqueOrThrow({ where: { externalRef: "screen-1" } })).screening).toBe("not_required");
    await importListings([row("screen-1", { field: "semiconductor", ipc: [] })], { actorId: adminId });
    expect(await prisma.listing.findUniqueOrThrow({ where: { externalRef: "screen-1" } })).toMatchObject({ status: "published", screening: "pending", field: "semiconductor" });
  });

  it("refuses to move an existing listing to another organisation", async () => {
    await importListings([row("move-1")], { actorId: null });
    const errors = expectFailure(await importListings([row("move-1", { organisationExternalRef: "imp-org-b" })], { actorId: null }));
    expect(errors).toEqual([{ row: 1, path: "organisationExternalRef", messageKey: "validation:import.organisationChanged" }]);
  });
});

describe("a large file", () => {
  it("imports 2,000 rows in one go, reporting progress", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`large-${i}`, { status: i % 2 ? "published" : "draft" }));
    const progress: number[] = [];
    const started = Date.now();
    const result = await importListings(rows, { actorId: adminId, publish: true, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ ok: true, rows: 2000, created: 2000, published: 1000 });
    expect(progress.at(-1)).toBe(2000);
    expect(progress.length).toBeGreaterThan(2);
    expect(await counts("large-")).toEqual({ listings: 2000, translations: 4000, patents: 4000, valuations: 2000 });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
