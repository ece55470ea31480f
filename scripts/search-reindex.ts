/**
 * `npm run search:reindex`: rebuilds the search index from the database (Meilisearch:
 * into a new index swapped in atomically; embedded: in memory, mainly a check).
 */
import { boot } from "~/boot.server";
import { prisma } from "~/db.server";
import { rebuildSearchIndex } from "~/search/search.server";

const running = await boot({ worker: false, log: () => {} });
const total = await prisma.listing.count({ where: { status: "published" } });
const started = Date.now();
const bar = (done: number) => {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stdout.write(`\rreindex [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
};
await rebuildSearchIndex(bar);
bar(total);
process.stdout.write(`\nreindexed ${total} listings in ${Date.now() - started} ms\n`);
await running.shutdown();
