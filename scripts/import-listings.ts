/**
 * `npm run import -- <file> [--org <organisationExternalRef>] [--publish]`: imports technology
 * listings from a JSON or CSV file (docs/import-format.md) into the configured database, all
 * or nothing, with a progress bar on stderr. The rules live in app/listings/import.server.ts;
 * this command reads the file, shows progress and prints the outcome in English.
 * Exit status: 0 imported, 1 the file was refused (every problem printed), 2 wrong usage.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import i18next from "i18next";
import { boot } from "~/boot.server";
import {
  decodeImportBytes,
  detectImportFormat,
  importListings,
  MAX_IMPORT_BYTES,
  parseImportFile,
  TOO_LARGE_ERROR,
  type ImportError,
} from "~/listings/import.server";

const USAGE = "usage: npm run import -- <file.json|file.csv> [--org <organisationExternalRef>] [--publish]";
/** Beyond this many, problems are counted rather than listed. */
const MAX_PRINTED_ERRORS = 1000;

const t = i18next.createInstance();
await t.init({
  lng: "en",
  ns: ["validation"],
  resources: { en: { validation: JSON.parse(readFileSync(path.resolve("locales/en/validation.json"), "utf8")) as Record<string, unknown> } },
  nsSeparator: ":",
  keySeparator: ".",
  interpolation: { escapeValue: false },
});

function printErrors(errors: ImportError[]) {
  console.error(`The file was not imported; nothing was written. ${errors.length} problem${errors.length === 1 ? "" : "s"}:`);
  for (const e of errors.slice(0, MAX_PRINTED_ERRORS)) {
    const where = e.row === 0 ? "file" : `row ${e.row}`;
    console.error(`  ${where.padEnd(10)} ${(e.path || "-").padEnd(28)} ${t.t(e.messageKey, e.params ?? {})}`);
  }
  if (errors.length > MAX_PRINTED_ERRORS) console.error(`  … and ${errors.length - MAX_PRINTED_ERRORS} more`);
}

/** A bar redrawn in place (\r) on a terminal; a line per 10% when stderr is a file or pipe. */
function progressBar(started: number) {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastDecile = -1;
  return (done: number, total: number) => {
    const now = Date.now();
    const finished = done >= total;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const width = 30;
    const filled = Math.round((width * percent) / 100);
    const line = `importing [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${String(percent).padStart(3)}% ${rate.toLocaleString("en")} rows/s`;
    if (tty) {
      if (!finished && now - lastDraw < 100) return;
      lastDraw = now;
      process.stderr.write(`\r${line}${finished ? "\n" : ""}`);
    } else if (Math.floor(percent / 10) !== lastDecile) {
      lastDecile = Math.floor(percent / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { org: { type: "string" }, publish: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help || args.positionals.length !== 1) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
  }
  const file = path.resolve(args.positionals[0]!);
  const format = detectImportFormat(file);
  if (!format) {
    printErrors([{ row: 0, path: "", messageKey: "validation:import.unsupportedFormat" }]);
    return 1;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    console.error(`Cannot read ${file}.`);
    return 2;
  }
  // Refused before reading, so an oversized file never fills memory.
  if (size > MAX_IMPORT_BYTES) {
    printErrors([TOO_LARGE_ERROR]);
    return 1;
  }
  const started = Date.now();
  const decoded = decodeImportBytes(readFileSync(file));
  const parsed = decoded.ok ? parseImportFile(decoded.text, format) : decoded;
  if (!parsed.ok) {
    printErrors(parsed.errors);
    return 1;
  }
  console.error(`checking ${parsed.rows.length.toLocaleString("en")} rows from ${path.basename(file)} …`);

  const parseMs = Date.now() - started;
  const running = await boot({ worker: false, log: () => {} });
  const importStarted = Date.now();
  try {
    const result = await importListings(parsed.rows, {
      actorId: null,
      defaultOrganisationRef: args.values.org ?? null,
      publish: args.values.publish === true,
      format,
      fileName: path.basename(file),
      onProgress: progressBar(Date.now()),
    });
    if (!result.ok) {
      printErrors(result.errors);
      return 1;
    }
    // Start-up (migrations, search index) is not the import's time.
    const seconds = (parseMs + Date.now() - importStarted) / 1000;
    console.log(
      `imported ${result.rows.toLocaleString("en")} listings from ${path.basename(file)}: ${result.created.toLocaleString("en")} new, ` +
        `${result.updated.toLocaleString("en")} updated, ${result.published.toLocaleString("en")} published, in ${seconds.toFixed(1)} s ` +
        `(${Math.round(result.rows / seconds).toLocaleString("en")} rows/s). Audit entry: listing.import ${result.importId}`,
    );
    if (result.published > 0) console.log("Published listings reach the search index when the app's outbox worker runs.");
    return 0;
  } finally {
    await running.shutdown();
  }
}

process.exitCode = await main();
