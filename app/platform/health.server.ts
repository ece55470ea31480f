/** Health of the parts a request depends on: database, search engine, job queue. */
import { database } from "~/db.server";
import { outboxStats } from "~/jobs/outbox.server";
import { searchEngine } from "~/search/search.server";

export async function healthReport() {
  const started = Date.now();
  const report: { ok: boolean; database: unknown; search: unknown; jobs: unknown; ms?: number } = { ok: true, database: null, search: null, jobs: null };
  try {
    await database().sql.query("SELECT 1");
    report.database = { ok: true, kind: database().kind };
  } catch (error) {
    report.ok = false;
    report.database = { ok: false, error: (error as Error).message };
  }
  try {
    const engine = searchEngine();
    const health = await engine.health();
    report.search = { ...health, engine: engine.name };
    if (!health.ok) report.ok = false;
  } catch (error) {
    report.ok = false;
    report.search = { ok: false, error: (error as Error).message };
  }
  try {
    const stats = await outboxStats();
    report.jobs = { ok: (stats.dead ?? 0) === 0, pending: stats.pending ?? 0, processing: stats.processing ?? 0, dead: stats.dead ?? 0 };
  } catch (error) {
    report.jobs = { ok: false, error: (error as Error).message };
  }
  report.ms = Date.now() - started;
  return report;
}
