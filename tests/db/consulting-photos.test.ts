/** Consultant photos: images only (by their bytes), at most 2 MB, own profile only, public once published. */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, readConsultantPhoto, removeConsultantPhoto, setConsultantPhoto } from "~/consulting/photos.server";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { UserError } from "~/lib/http.server";
import { loader as photoLoader } from "~/routes/consultants.$slug_.photo";
import { createConsultantWithService, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { signedInRequest } from "@tests/helpers/requests";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
const PDF = new TextEncoder().encode("%PDF-1.7 not a photo");

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const stored = (key: string) => existsSync(path.join(env().uploadDir, key.slice(0, 2), key));

describe("consultant photos", () => {
  it("accepts an image, replaces the previous file, serves it publicly and removes it", async () => {
    const { user, profile } = await createConsultantWithService(prisma);
    const consultant = await sessionUser(user.id);
    const first = await setConsultantPhoto(consultant, { name: "me.png", bytes: PNG });
    expect(first).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(stored(first)).toBe(true);
    const photo = await readConsultantPhoto(profile.slug, null);
    expect(photo).toMatchObject({ mime: "image/png", key: first });
    expect(new Uint8Array(photo.bytes)).toEqual(PNG);

    const second = await setConsultantPhoto(consultant, { name: "me.jpg", bytes: JPEG });
    expect(second).toMatch(/\.jpg$/);
    expect(stored(first)).toBe(false);
    const response = (await photoLoader({ request: await signedInRequest(null, `/consultants/${profile.slug}/photo`), params: { slug: profile.slug }, context: { nonce: "" } })) as Response;
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG);

    await removeConsultantPhoto(consultant);
    expect(stored(second)).toBe(false);
    expect((await prisma.consultantProfile.findUniqueOrThrow({ where: { id: profile.id } })).photoKey).toBeNull();
    expect((await refusal(readConsultantPhoto(profile.slug, null))).status).toBe(404);
    expect(await prisma.auditLog.count({ where: { entityId: profile.id, action: { startsWith: "consultant.photo" } } })).toBe(3);
  });

  it("refuses other files, empty or oversized uploads, and anyone but a consultant with a profile", async () => {
    const { user } = await createConsultantWithService(prisma);
    const consultant = await sessionUser(user.id);
    expect((await refusal(setConsultantPhoto(consultant, { name: "cv.pdf", bytes: PDF }))).messageKey).toBe("consulting:errors.photoType");
    expect((await refusal(setConsultantPhoto(consultant, { name: "a.png", bytes: new Uint8Array() }))).status).toBe(400);
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(PNG);
    expect((await refusal(setConsultantPhoto(consultant, { name: "big.png", bytes: big }))).status).toBe(413);
    const sme = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    expect((await refusal(setConsultantPhoto(sme, { name: "a.png", bytes: PNG }))).status).toBe(403);
    const newcomer = await sessionUser((await createUser(prisma, { role: "consultant" })).id);
    expect((await refusal(setConsultantPhoto(newcomer, { name: "a.png", bytes: PNG }))).status).toBe(409);
  });

  it("keeps an unpublished consultant's photo to its owner", async () => {
    const { user, profile } = await createConsultantWithService(prisma);
    const consultant = await sessionUser(user.id);
    await setConsultantPhoto(consultant, { name: "me.png", bytes: PNG });
    await prisma.consultantProfile.update({ where: { id: profile.id }, data: { published: false } });
    const buyer = await sessionUser((await createUser(prisma, { role: "buyer" })).id);
    expect((await refusal(readConsultantPhoto(profile.slug, buyer))).status).toBe(404);
    expect((await readConsultantPhoto(profile.slug, consultant)).mime).toBe("image/png");
  });
});
