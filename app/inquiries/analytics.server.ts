/**
 * Seller analytics per listing: views and unique buyer companies, inquiries by country,
 * the conversion inquiry → NDA (both sides accepted) → meeting (scheduled through the
 * inquiry or a booking linked to it), aggregated decline/loss reasons and the median
 * time to the first answer. Counts come from the database in a few grouped queries.
 */
import { sql } from "~/db.server";

export interface ListingInquiryStats {
  views: number;
  uniqueBuyerCompanies: number;
  inquiries: number;
  ndaSigned: number;
  meetings: number;
  won: number;
  byCountry: { country: string; count: number }[];
  reasons: { reason: string; count: number }[];
  medianResponseHours: number | null;
}

const empty = (): ListingInquiryStats => ({
  views: 0,
  uniqueBuyerCompanies: 0,
  inquiries: 0,
  ndaSigned: 0,
  meetings: 0,
  won: 0,
  byCountry: [],
  reasons: [],
  medianResponseHours: null,
});

export async function listingInquiryStats(listingIds: string[]): Promise<Record<string, ListingInquiryStats>> {
  const out: Record<string, ListingInquiryStats> = Object.fromEntries(listingIds.map((id) => [id, empty()]));
  if (listingIds.length === 0) return out;
  const [views, funnel, countries, reasons] = await Promise.all([
    sql.query<{ listingId: string; views: number; companies: number }>(
      `SELECT v."listingId", count(*)::int AS views,
              count(DISTINCT v."viewerOrgId") FILTER (WHERE o.kind = 'buyer')::int AS companies
       FROM "ListingView" v LEFT JOIN "Organisation" o ON o.id = v."viewerOrgId"
       WHERE v."listingId" = ANY($1) GROUP BY v."listingId"`,
      [listingIds],
    ),
    sql.query<{ listingId: string; inquiries: number; nda: number; meetings: number; won: number; median: number | null }>(
      `SELECT i."listingId",
              count(*)::int AS inquiries,
              count(*) FILTER (WHERE (SELECT count(DISTINCT a.party) FROM "NdaAcceptance" a WHERE a."inquiryId" = i.id) = 2)::int AS nda,
              count(*) FILTER (WHERE i.status = 'meeting_scheduled'
                 OR EXISTS (SELECT 1 FROM "AuditLog" l WHERE l."entityType" = 'Inquiry' AND l."entityId" = i.id AND l.action = 'inquiry.schedule_meeting')
                 OR EXISTS (SELECT 1 FROM "Booking" b WHERE b."inquiryId" = i.id AND b.status IN ('confirmed', 'completed')))::int AS meetings,
              count(*) FILTER (WHERE i.status = 'closed_won')::int AS won,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i."firstRespondedAt" - i."createdAt") / 3600.0)
                 FILTER (WHERE i."firstRespondedAt" IS NOT NULL))::float8 AS median
       FROM "Inquiry" i WHERE i."listingId" = ANY($1) GROUP BY i."listingId"`,
      [listingIds],
    ),
    sql.query<{ listingId: string; country: string; count: number }>(
      `SELECT i."listingId", o.country, count(*)::int AS count
       FROM "Inquiry" i JOIN "Organisation" o ON o.id = i."buyerOrgId"
       WHERE i."listingId" = ANY($1) GROUP BY i."listingId", o.country ORDER BY count DESC, o.country`,
      [listingIds],
    ),
    sql.query<{ listingId: string; reason: string; count: number }>(
      `SELECT "listingId", "closeReason"::text AS reason, count(*)::int AS count
       FROM "Inquiry" WHERE "listingId" = ANY($1) AND "closeReason" IS NOT NULL
       GROUP BY "listingId", "closeReason" ORDER BY count DESC, reason`,
      [listingIds],
    ),
  ]);
  for (const row of views) Object.assign(out[row.listingId]!, { views: row.views, uniqueBuyerCompanies: row.companies });
  for (const row of funnel) {
    Object.assign(out[row.listingId]!, {
      inquiries: row.inquiries,
      ndaSigned: row.nda,
      meetings: row.meetings,
      won: row.won,
      medianResponseHours: row.median === null ? null : Math.round(row.median * 10) / 10,
    });
  }
  for (const row of countries) out[row.listingId]!.byCountry.push({ country: row.country.trim(), count: row.count });
  for (const row of reasons) out[row.listingId]!.reasons.push({ reason: row.reason, count: row.count });
  return out;
}
