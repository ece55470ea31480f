/**
 * Matching quality against the labelled set (prisma/seed-data/match-labels.json: for each
 * demo need, the listings a person would pick). Used by the quality test and by
 * `npm run bench:match`.
 *
 * precision@5 of a need = relevant listings among its top five stored matches, divided by
 * the number of matches shown (at most five): the matcher stores only matches above a
 * minimum score, so a need with two good listings is shown two, not five. A need for which
 * the matcher shows nothing counts as 0 when a relevant listing is published, and is left
 * out (a correct "nothing fits") when none is. Strict precision@5 (always divided by five)
 * and recall@5 are reported alongside.
 */
import { prisma } from "~/db.server";
import labels from "../../prisma/seed-data/match-labels.json";

export interface NeedQuality {
  needRef: string;
  title: string;
  shown: string[];
  relevant: string[];
  relevantPublished: string[];
  hits: number;
  precisionAt5: number | null;
  strictPrecisionAt5: number;
  recallAt5: number | null;
}

export interface QualityReport {
  needs: NeedQuality[];
  precisionAt5: number;
  strictPrecisionAt5: number;
  recallAt5: number;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

export async function evaluateMatchQuality(): Promise<QualityReport> {
  const needs: NeedQuality[] = [];
  for (const label of labels as { needRef: string; relevant: string[] }[]) {
    const need = await prisma.technologyNeed.findUnique({
      where: { externalRef: label.needRef },
      include: { matches: { orderBy: [{ score: "desc" }, { listingId: "asc" }], take: 5, include: { listing: { select: { externalRef: true } } } } },
    });
    if (!need) throw new Error(`labelled need ${label.needRef} is not in the database (seed the demo data first)`);
    const shown = need.matches.map((m) => m.listing.externalRef ?? m.listingId);
    const published = await prisma.listing.findMany({ where: { externalRef: { in: label.relevant }, status: "published" }, select: { externalRef: true } });
    const relevantPublished = published.map((l) => l.externalRef!);
    const hits = shown.filter((ref) => label.relevant.includes(ref)).length;
    needs.push({
      needRef: label.needRef,
      title: need.title,
      shown,
      relevant: label.relevant,
      relevantPublished,
      hits,
      precisionAt5: shown.length > 0 ? hits / shown.length : relevantPublished.length > 0 ? 0 : null,
      strictPrecisionAt5: hits / 5,
      recallAt5: relevantPublished.length > 0 ? hits / relevantPublished.length : null,
    });
  }
  return {
    needs,
    precisionAt5: mean(needs.flatMap((n) => (n.precisionAt5 === null ? [] : [n.precisionAt5]))),
    strictPrecisionAt5: mean(needs.map((n) => n.strictPrecisionAt5)),
    recallAt5: mean(needs.flatMap((n) => (n.recallAt5 === null ? [] : [n.recallAt5]))),
  };
}

export function formatQualityReport(report: QualityReport): string {
  const pct = (v: number | null) => (v === null ? "  —  " : `${(v * 100).toFixed(0).padStart(4)}%`);
  const lines = report.needs.map(
    (n) => `${n.needRef}  P@5 ${pct(n.precisionAt5)}  R@5 ${pct(n.recallAt5)}  shown [${n.shown.join(", ")}]  relevant [${n.relevant.join(", ")}]`,
  );
  lines.push(
    `overall: precision@5 ${(report.precisionAt5 * 100).toFixed(1)}%  (strict, ÷5: ${(report.strictPrecisionAt5 * 100).toFixed(1)}%)  recall@5 ${(report.recallAt5 * 100).toFixed(1)}%  over ${report.needs.length} labelled needs`,
  );
  return lines.join("\n");
}
