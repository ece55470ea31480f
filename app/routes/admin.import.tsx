/**
 * Operators' bulk import page: upload a JSON or CSV file of technology listings
 * (docs/import-format.md). The file is imported all or nothing; the page shows the counts, or
 * every problem with its row number, and keeps what was typed. Rules: ~/listings/import.server.
 */
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { getFixedT } from "~/i18n/i18n.server";
import { titleMeta } from "~/lib/meta";
import {
  decodeImportBytes,
  detectImportFormat,
  importListings,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  parseImportFile,
  TOO_LARGE_ERROR,
  type ImportError,
} from "~/listings/import.server";

export const handle = { i18n: ["admin", "validation"] };

/** More rows than this would make a page nobody reads; the rest are counted. */
const SHOWN_ERRORS = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return { pageTitle: (await getFixedT(request, "admin"))("admin:import.title") };
}

export const meta = titleMeta;

type Values = { organisation: string; publish: boolean; fileName: string };
type Summary = { rows: number; created: number; updated: number; published: number };
type ActionData = { values: Values; summary: Summary | null; errors: ImportError[]; hiddenErrors: number };

function answer(values: Values, outcome: { summary: Summary } | { errors: ImportError[] }, status = 200) {
  const errors = "errors" in outcome ? outcome.errors : [];
  const body: ActionData = {
    values,
    summary: "summary" in outcome ? outcome.summary : null,
    errors: errors.slice(0, SHOWN_ERRORS),
    hiddenErrors: Math.max(0, errors.length - SHOWN_ERRORS),
  };
  // Refusals keep their HTTP status (413, 415, 422) for clients and logs; the page renders both.
  return data(body, { status });
}

const fileError = (messageKey: string): { errors: ImportError[] } => ({ errors: [{ row: 0, path: "", messageKey }] });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    // The rest of the form is lost with an oversized part, so nothing can be echoed back.
    const empty: Values = { organisation: "", publish: false, fileName: "" };
    if (error instanceof MaxPartSizeExceededError) return answer(empty, { errors: [TOO_LARGE_ERROR] }, 413);
    return answer(empty, fileError("validation:import.uploadFailed"), 400);
  }
  const file = form.get("file");
  const values: Values = {
    organisation: String(form.get("organisation") ?? "").trim().slice(0, 100),
    publish: form.get("publish") === "on",
    fileName: file instanceof File ? file.name.slice(0, 200) : "",
  };
  if (!(file instanceof File) || file.size === 0) return answer(values, fileError("validation:import.noFile"), 422);
  const format = detectImportFormat(file.name, file.type);
  if (!format) return answer(values, fileError("validation:import.unsupportedFormat"), 415);
  const decoded = decodeImportBytes(new Uint8Array(await file.arrayBuffer()));
  const parsed = decoded.ok ? parseImportFile(decoded.text, format) : decoded;
  if (!parsed.ok) return answer(values, parsed, 422);
  const result = await importListings(parsed.rows, {
    actorId: admin.id,
    defaultOrganisationRef: values.organisation || null,
    publish: values.publish,
    format,
    fileName: values.fileName,
  });
  if (!result.ok) return answer(values, result, 422);
  return answer(values, { summary: { rows: result.rows, created: result.created, updated: result.updated, published: result.published } });
}

export default function AdminImport() {
  const { t } = useTranslation();
  // data() hides the body type from useActionData<typeof action> without the single-fetch type opt-in.
  const result = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const values = result?.values;
  return (
    <div className="container">
      <p>
        <Link to="/admin"><span className="back-arrow" aria-hidden="true">←</span> {t("admin:title")}</Link>
      </p>
      <h1>{t("admin:import.title")}</h1>
      <p>{t("admin:import.intro")}</p>

      {result?.summary ? (
        <div className="alert alert-success" role="status">
          {t("admin:import.done", { ...result.summary, fileName: values?.fileName ?? "" })}
        </div>
      ) : null}

      {result && result.errors.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t("admin:import.failed", { total: result.errors.length + result.hiddenErrors })}</p>
          <table className="table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">{t("admin:import.row")}</th>
                <th scope="col">{t("admin:import.field")}</th>
                <th scope="col">{t("admin:import.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={`${e.row}-${e.path}-${i}`}>
                  <td>{e.row === 0 ? t("admin:import.wholeFile") : e.row}</td>
                  <td>
                    <code>{e.path}</code>
                  </td>
                  <td>{t(e.messageKey, e.params ?? {})}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.hiddenErrors > 0 ? <p>{t("admin:import.moreErrors", { hidden: result.hiddenErrors })}</p> : null}
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="import-file">{t("admin:import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".json,.csv,application/json,text/csv" required aria-describedby="import-file-hint" />
          <p className="hint" id="import-file-hint">
            {t("admin:import.fileHint", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024, maxRows: MAX_IMPORT_ROWS.toLocaleString("en") })}
            {values?.fileName ? ` ${t("admin:import.chooseAgain", { fileName: values.fileName })}` : ""}
          </p>
        </div>
        <div className="field">
          <label htmlFor="import-organisation">{t("admin:import.organisation")}</label>
          <input id="import-organisation" name="organisation" maxLength={100} defaultValue={values?.organisation ?? ""} aria-describedby="import-organisation-hint" />
          <p className="hint" id="import-organisation-hint">
            {t("admin:import.organisationHint")}
          </p>
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="publish" defaultChecked={values?.publish ?? false} aria-describedby="import-publish-hint" /> {t("admin:import.publish")}
          </label>
          <p className="hint" id="import-publish-hint">
            {t("admin:import.publishHint")}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("admin:import.busy") : t("admin:import.submit")}
        </button>
      </Form>
    </div>
  );
}
