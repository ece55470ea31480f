/**
 * Listing attachments (PDF and images) on local disk, each tagged with a disclosure tier.
 * The file's type is decided by its content (magic bytes), never by its name or the
 * browser's claim; downloads ask the same tier rule as the pages.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import type { DisclosureTier } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { canSee, viewerTier } from "~/listings/disclosure.server";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_LISTING = 20;

const SIGNATURES: {
  mime: string;
  ext: string;
  test: (b: Uint8Array) => boolean;
}[] = [
  {
    mime: "application/pdf",
    ext: "pdf",
    test: (b) =>
      b[0] === 0x25 &&
      b[1] === 0x50 &&
      b[2] === 0x44 &&
      b[3] === 0x46 &&
      b[4] === 0x2d,
  },
  {
    mime: "image/png",
    ext: "png",
    test: (b) =>
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every(
        (v, i) => b[i] === v
      ),
  },
  {
    mime: "image/jpeg",
    ext: "jpg",
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: "image/webp",
    ext: "webp",
    test: (b) =>
      String.fromCharCode(...b.slice(0, 4)) === "RIFF" &&
      String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  },
];

export function detectFileType(
  bytes: Uint8Array
): { mime: string; ext: string } | null {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found ? { mime: found.mime, ext: found.ext } : null;
}

/** A display name without paths or control characters. */
export function cleanFileName(name: string, ext: string): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()!
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
      .trim()
      .slice(0, 120) || "file";
  return base.toLowerCase().endsWith(`.${ext}`)
    ? base
    : `${base.replace(/\.[^.]*$/, "")}.${ext}`;
}

function storagePath(storageKey: string) {
  return path.join(env().uploadDir, storageKey.slice(0, 2), storageKey);
}

export async function addListingAttachment(
  user: SessionUser,
  listingId: string,
  file: { name: string; bytes: Uint8Array },
  tier: DisclosureTier
) {
  const listing = await prisma.listing.findUnique({
    where: { id: listingId },
    include: { _count: { select: { attachments: true } } },
  });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  if (user.role !== "sme" || user.organisationId !== listing.organisationId)
    throw new UserError(403, "common:errors.forbidden");
  if (file.bytes.byteLength === 0)
    throw new UserError(400, "workspace:attachments.errors.empty");
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new UserError(413, "workspace:attachments.errors.tooLarge");
  if (listing._count.attachments >= MAX_ATTACHMENTS_PER_LISTING)
    throw new UserError(409, "workspace:attachments.errors.tooMany");
  const type = detectFileType(file.bytes);
  if (!type) throw new UserError(415, "workspace:attachments.errors.type");
  const storageKey = `${randomBytes(16).toString("hex")}.${type.ext}`;
  const target = storagePath(storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.bytes, { mode: 0o600 });
  try {
    return await prisma.$transaction(async (tx) => {
      const attachment = await tx.attachment.create({
        data: {
          listingId,
          ownerOrgId: listing.organisationId,
          uploadedById: user.id,
          fileName: cleanFileName(file.name, type.ext),
          mimeType: type.mime,
          sizeBytes: file.bytes.byteLength,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          storageKey,
          tier,
        },
      });
      await audit(tx, user.id, "attachment.add", "Listing", listingId, {
        attachmentId: attachment.id,
        tier,
      });
      return attachment;
    });
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

export async function removeListingAttachment(
  user: SessionUser,
  attachmentId: string
) {
  const attachment = await prisma.attachment.findUnique({
    where: { id: attachmentId },
  });
  if (!attachment || !attachment.listingId)
    throw new UserError(404, "common:errors.notFound");
  if (user.role !== "sme" || user.organisationId !== attachment.ownerOrgId)
    throw new UserError(403, "common:errors.forbidden");
  await prisma.$transaction(async (tx) => {
    await tx.attachment.delete({ where: { id: attachmentId } });
    await audit(
      tx,
      user.id,
      "attachment.remove",
      "Listing",
      attachment.listingId!,
      { attachmentId }
    );
  });
  await rm(storagePath(attachment.storageKey), { force: true });
}

/** Checks a file's size and real type; the detected type or a UserError. */
function checkFile(bytes: Uint8Array) {
  if (bytes.byteLength === 0)
    throw new UserError(400, "workspace:attachments.errors.empty");
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new UserError(413, "workspace:attachments.errors.tooLarge");
  const type = detectFileType(bytes);
  if (!type) throw new UserError(415, "workspace:attachments.errors.type");
  return type;
}

/** Stores the files on disk; returns their rows' data and a cleanup for when the transaction fails. */
export async function storeFiles(files: { name: string; bytes: Uint8Array }[]) {
  const stored: {
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
  }[] = [];
  const types = files.map((f) => checkFile(f.bytes));
  for (const [i, file] of files.entries()) {
    const type = types[i]!;
    const storageKey = `${randomBytes(16).toString("hex")}.${type.ext}`;
    const target = storagePath(storageKey);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { mode: 0o600 });
    stored.push({
      fileName: cleanFileName(file.name, type.ext),
      mimeType: type.mime,
      sizeBytes: file.bytes.byteLength,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      storageKey,
    });
  }
  return {
    stored,
    cleanup: () =>
      Promise.all(
        stored.map((s) => rm(storagePath(s.storageKey), { force: true }))
      ),
  };
}

/**
 * A file attached to an inquiry message: readable by the two parties (and operators) only.
 * The seller's files carry a disclosure tier, so a confidential file stays locked to the
 * buyer until both sides have accepted the NDA; the buyer's files are visible to the seller.
 */
async function readMessageAttachment(
  viewer: SessionUser | null,
  attachment: {
    messageId: string | null;
    ownerOrgId: string;
    tier: DisclosureTier;
  }
) {
  const message = await prisma.inquiryMessage.findUnique({
    where: { id: attachment.messageId! },
    include: { inquiry: { include: { listing: true } } },
  });
  if (!message || !viewer) throw new UserError(404, "common:errors.notFound");
  const { inquiry } = message;
  const isParty =
    viewer.organisationId === inquiry.buyerOrgId ||
    viewer.organisationId === inquiry.sellerOrgId;
  if (!isParty && viewer.role !== "admin")
    throw new UserError(404, "common:errors.notFound");
  if (
    attachment.ownerOrgId === inquiry.sellerOrgId &&
    viewer.organisationId === inquiry.buyerOrgId
  ) {
    const tier = await viewerTier(viewer, inquiry.listing);
    if (!canSee(tier, attachment.tier))
      throw new UserError(403, "listing:attachments.locked");
  }
}

/** The file if the viewer's tier for its listing reaches the attachment's tier; 404 otherwise (no existence leak). */
export async function readAttachmentForViewer(
  viewer: SessionUser | null,
  attachmentId: string
) {
  const attachment = await prisma.attachment.findUnique({
    where: { id: attachmentId },
    include: { listing: true },
  });
  if (attachment?.messageId) {
    await readMessageAttachment(viewer, attachment);
    return {
      attachment,
      bytes: await readFile(storagePath(attachment.storageKey)),
    };
  }
  if (!attachment?.listing) throw new UserError(404, "common:errors.notFound");
  const listing = attachment.listing;
  const isOwnerOrAdmin =
    viewer?.role === "admin" ||
    viewer?.organisationId === listing.organisationId;
  if (listing.status !== "published" && !isOwnerOrAdmin)
    throw new UserError(404, "common:errors.notFound");
  const tier = await viewerTier(viewer, listing);
  if (!canSee(tier, attachment.tier))
    throw new UserError(
      viewer ? 403 : 404,
      viewer ? "listing:attachments.locked" : "common:errors.notFound"
    );
  const bytes = await readFile(storagePath(attachment.storageKey));
  return { attachment, bytes };
}
