/** Language switch: remembers the choice in a cookie and, when signed in, on the profile. */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { isLocale } from "~/domain/taxonomy";
import { localeCookie } from "~/i18n/i18n.server";
import { safeRedirect } from "~/lib/http.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const back = safeRedirect(form.get("redirectTo"), "/");
  if (!isLocale(lng)) return redirect(back);
  const user = await getSessionUser(request);
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale: lng } });
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export const loader = () => redirect("/");
