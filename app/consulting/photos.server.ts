/**
 * Consultant profile photos: an image (PNG, JPEG or WebP, decided by its bytes) of at most
 * MAX_PHOTO_BYTES, stored with the other uploads on local disk; the profile keeps its key.
 * Photos are public once the profile is published (they are on the public profile page).
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { detectFileType, storeFiles } from "~/attachments/attachments.server";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { UserError } from "~/lib/http.server";
import { ownProfileId } from "./profiles.server";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const MIME_BY_EXT: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

/** The same layout as the attachments store: <uploadDir>/<first two characters>/<key>. */
function photoPath(key: string) {
  if (!/^[0-9a-f]{32}\.(png|jpg|webp)$/.test(key)) throw new UserError(404, "consulting:errors.photoNotFound");
  return path.join(env().uploadDir, key.slice(0, 2), key);
}

export async function setConsultantPhoto(user: SessionUser, file: { name: string; bytes: Uint8Array }, opts: { ip?: string | null } = {}) {
  const consultantId = await ownProfileId(prisma, user);
  if (file.bytes.byteLength === 0) throw new UserError(400, "consulting:errors.photoEmpty");
  if (file.bytes.byteLength > MAX_PHOTO_BYTES) throw new UserError(413, "consulting:errors.photoTooLarge");
  const type = detectFileType(file.bytes);
  if (!type || !type.mime.startsWith("image/")) throw new UserError(415, "consulting:errors.photoType");
  const { stored, cleanup } = await storeFiles([file]);
  const key = stored[0]!.storageKey;
  let previous: string | null = null;
  try {
    await prisma.$transaction(async (tx) => {
      const profile = await tx.consultantProfile.findUniqueOrThrow({ where: { id: consultantId }, select: { photoKey: true } });
      previous = profile.photoKey;
      await tx.consultantProfile.update({ where: { id: consultantId }, data: { photoKey: key } });
      await audit(tx, user.id, "consultant.photo_set", "ConsultantProfile", consultantId, { photoKey: key }, opts.ip);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  if (previous) await rm(photoPath(previous), { force: true }).catch(() => undefined);
  return key;
}

export async function removeConsultantPhoto(user: SessionUser, opts: { ip?: string | null } = {}) {
  const consultantId = await ownProfileId(prisma, user);
  const profile = await prisma.consultantProfile.findUniqueOrThrow({ where: { id: consultantId }, select: { photoKey: true } });
  if (!profile.photoKey) return;
  await prisma.$transaction(async (tx) => {
    await tx.consultantProfile.update({ where: { id: consultantId }, data: { photoKey: null } });
    await audit(tx, user.id, "consultant.photo_remove", "ConsultantProfile", consultantId, {}, opts.ip);
  });
  await rm(photoPath(profile.photoKey), { force: true }).catch(() => undefined);
}

/** The photo of a consultant by slug: public for published profiles, the owner's own otherwise. */
export async function readConsultantPhoto(slug: string, viewer: SessionUser | null): Promise<{ bytes: Buffer<ArrayBuffer>; mime: string; key: string }> {
  const profile = await prisma.consultantProfile.findUnique({ where: { slug }, select: { photoKey: true, published: true, userId: true } });
  if (!profile?.photoKey || (!profile.published && profile.userId !== viewer?.id)) throw new UserError(404, "consulting:errors.photoNotFound");
  const bytes = await readFile(photoPath(profile.photoKey)).catch(() => null);
  if (!bytes) throw new UserError(404, "consulting:errors.photoNotFound");
  return { bytes, mime: MIME_BY_EXT[profile.photoKey.split(".").pop()!] ?? "application/octet-stream", key: profile.photoKey };
}
