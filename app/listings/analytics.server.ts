/** Seller analytics: listing views per day, for the workspace charts. */
import { sql } from "~/db.server";

const DAY = 86_400_000;

/** Views per UTC day for each listing over the last `days` days (oldest first, zeros filled). */
export async function viewSeries(listingIds: string[], days = 30, now = new Date()): Promise<Record<string, number[]>> {
  const series: Record<string, number[]> = Object.fromEntries(listingIds.map((id) => [id, new Array<number>(days).fill(0)]));
  if (listingIds.length === 0) return series;
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY);
  const rows = await sql.query<{ listingId: string; day: Date | string; views: string | number }>(
    `SELECT "listingId", date_trunc('day', "createdAt" AT TIME ZONE 'UTC') AS day, count(*) AS views
     FROM "ListingView" WHERE "listingId" = ANY($1) AND "createdAt" >= $2
     GROUP BY 1, 2`,
    [listingIds, start],
  );
  for (const row of rows) {
    const day = new Date(row.day);
    const dayUtc = Date.UTC(day.getFullYear(), day.getMonth(), day.getDate());
    const index = Math.round((dayUtc - start.getTime()) / DAY);
    const list = series[row.listingId];
    if (list && index >= 0 && index < days) list[index] += Number(row.views);
  }
  return series;
}
