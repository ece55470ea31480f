import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { getPublicListing, listPublicListings } from "~/listings/api.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

describe("public API", () => {
  it("returns published listings at the public tier only, paginated", async () => {
    const owner = await createUser(prisma, { role: "sme" });
    const texts = {
      ko: { title: "공개 제목", summary: "공개 요약", problem: "등록 문제", solution: "등록 해법", confidential: "기밀 조건" },
      en: { title: "Public title", summary: "Public summary", problem: "Registered problem", solution: "Registered solution", confidential: "Secret recipe" },
    };
    const published = await createListing(prisma, { organisationId: owner.organisationId!, status: "published", texts });
    const draft = await createListing(prisma, { organisationId: owner.organisationId!, status: "draft", texts });
    const one = await getPublicListing(published.slug);
    expect(one?.text.en).toEqual({ title: "Public title", summary: "Public summary" });
    const serialised = JSON.stringify(await listPublicListings(1, 20));
    for (const hidden of ["Registered problem", "Registered solution", "Secret recipe", "등록 해법", "기밀 조건"]) expect(serialised).not.toContain(hidden);
    expect(await getPublicListing(draft.id)).toBeNull();
    expect(await getPublicListing(draft.slug)).toBeNull();
    const page = await listPublicListings(1, 1);
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 1 });
  });
});
