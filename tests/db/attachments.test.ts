import { describe, expect, it } from "vitest";
import { addListingAttachment, cleanFileName, detectFileType, readAttachmentForViewer, removeListingAttachment } from "~/attachments/attachments.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const HTML_AS_PDF = new TextEncoder().encode("<html><script>alert(1)</script></html>");

async function status(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof UserError ? error.status : error === null ? 200 : "other";
}

describe("attachments", () => {
  it("decides the type by content and cleans names", () => {
    expect(detectFileType(PDF)?.mime).toBe("application/pdf");
    expect(detectFileType(PNG)?.mime).toBe("image/png");
    expect(detectFileType(HTML_AS_PDF)).toBeNull();
    expect(cleanFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFileName('spec"sheet<1>.PDF', "pdf")).toBe("specsheet1.PDF");
  });

  it("refuses files that are not what they claim, too large, or not the owner's", async () => {
    const owner = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const other = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, status: "published" });
    expect(await status(addListingAttachment(owner, listing.id, { name: "evil.pdf", bytes: HTML_AS_PDF }, "public"))).toBe(415);
    expect(await status(addListingAttachment(owner, listing.id, { name: "big.pdf", bytes: new Uint8Array(10 * 1024 * 1024 + 1) }, "public"))).toBe(413);
    expect(await status(addListingAttachment(owner, listing.id, { name: "empty.pdf", bytes: new Uint8Array() }, "public"))).toBe(400);
    expect(await status(addListingAttachment(other, listing.id, { name: "x.pdf", bytes: PDF }, "public"))).toBe(403);
    expect(await prisma.attachment.count({ where: { listingId: listing.id } })).toBe(0);
  });

  it("serves each file only to viewers whose tier reaches it", async () => {
    const owner = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, status: "published", screening: "cleared" });
    const pub = await addListingAttachment(owner, listing.id, { name: "brochure.pdf", bytes: PDF }, "public");
    const reg = await addListingAttachment(owner, listing.id, { name: "datasheet.png", bytes: PNG }, "registered");
    const conf = await addListingAttachment(owner, listing.id, { name: "process.pdf", bytes: PDF }, "confidential");
    const verified = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "verified", country: "US" } })).id);
    const ndaBuyer = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "verified", country: "VN" } })).id);
    const inquiry = await prisma.inquiry.create({
      data: { listingId: listing.id, buyerOrgId: ndaBuyer.organisationId!, sellerOrgId: owner.organisationId!, locale: "vi", purpose: "licensing", responseDueAt: new Date(), status: "nda_accepted" },
    });
    await prisma.ndaAcceptance.createMany({ data: (["buyer", "seller"] as const).map((party) => ({ inquiryId: inquiry.id, listingId: listing.id, party, ndaVersion: "v1", textHash: "h" })) });

    const matrix: [string, Awaited<ReturnType<typeof sessionUser>> | null, number[]][] = [
      ["anonymous", null, [200, 404, 404]],
      ["verified buyer", verified, [200, 200, 403]],
      ["buyer with NDA", ndaBuyer, [200, 200, 200]],
      ["owner", owner, [200, 200, 200]],
    ];
    for (const [, viewer, expected] of matrix) {
      const got = [await status(readAttachmentForViewer(viewer, pub.id)), await status(readAttachmentForViewer(viewer, reg.id)), await status(readAttachmentForViewer(viewer, conf.id))];
      expect(got).toEqual(expected);
    }
    const { bytes } = await readAttachmentForViewer(ndaBuyer, conf.id);
    expect(Buffer.from(bytes).equals(Buffer.from(PDF))).toBe(true);

    await removeListingAttachment(owner, pub.id);
    expect(await status(readAttachmentForViewer(null, pub.id))).toBe(404);
  });
});
