/**
 * Child process for the "killed mid-import" test (tests/db/faults-kill.test.ts): the same steps
 * as `npm run import -- <file> --publish` (scripts/import-listings.ts: boot, then importListings),
 * except that after FREEZE_AFTER_BATCHES written batches it reports "frozen" on stdout and blocks
 * its event loop, in the middle of the import's transaction, until the test kills it (SIGKILL).
 * Database: DATABASE_URL, or the embedded PGlite in DATA_DIR/pglite.
 */
import { readFileSync } from "node:fs";
import { boot } from "~/boot.server";
import { importListings, parseImportFile } from "~/listings/import.server";

const file = process.argv[2];
if (!file) throw new Error("usage: import-frozen.ts <file.json>");
const freezeAfter = Number(process.env.FREEZE_AFTER_BATCHES ?? 2);
const parsed = parseImportFile(readFileSync(file, "utf8"), "json");
if (!parsed.ok) throw new Error(`the file does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);

await boot({ worker: false, log: () => {} });
let batches = 0;
const result = await importListings(parsed.rows, {
  actorId: null,
  publish: true,
  format: "json",
  fileName: file,
  onProgress: (done, total) => {
    if (done === 0) return;
    batches += 1;
    if (batches !== freezeAfter) return;
    process.stdout.write(`frozen at ${done}/${total}\n`);
    // Synchronous: nothing else in this process runs, so the transaction stays open and uncommitted.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
process.stdout.write(`finished ${JSON.stringify(result)}\n`);
process.exit(0);
