/**
 * The one error type the search layer throws for engine failures, so routes
 * can tell "search is down / rejected the request" apart from programming errors.
 */
export class SearchEngineError extends Error {
  override name = "SearchEngineError";
  /** Meilisearch error code (e.g. "invalid_search_filter") or a local code. */
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
