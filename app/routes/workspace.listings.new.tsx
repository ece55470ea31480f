import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { ListingForm } from "~/components/listing-form";
import { getFixedT } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { titleMeta } from "~/lib/meta";
import { LISTING_ARRAY_FIELDS } from "~/listings/form-values.server";
import { createListingDraft } from "~/listings/listings.server";
import { listingFormSchema } from "~/listings/schemas";

export const handle = { i18n: ["workspace", "listing", "taxonomy", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["sme"]);
  return { pageTitle: (await getFixedT(request, "workspace"))("workspace:newListing") };
}

export const meta = titleMeta;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["sme"]);
  const parsed = parseForm(listingFormSchema, await request.formData(), LISTING_ARRAY_FIELDS);
  if (!parsed.ok) return { errors: parsed.errors, values: parsed.values, formError: "workspace:errors.fixFields" };
  const listing = await createListingDraft(user, parsed.data);
  return redirect(`/workspace/listings/${listing.id}?saved=1`);
}

export default function NewListing() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container">
      <p>
        <Link to="/workspace"><span className="back-arrow" aria-hidden="true">←</span> {t("workspace:title")}</Link>
      </p>
      <h1>{t("workspace:newListing")}</h1>
      <ListingForm values={data?.values} errors={data?.errors} formError={data?.formError} submitLabel={t("workspace:saveDraft")} busy={busy} />
    </div>
  );
}
