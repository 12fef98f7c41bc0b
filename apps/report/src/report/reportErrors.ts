/** Some reports of a batch failed; each was reported on stderr as it failed. Exit status 2. */
export class ReportsFailedError extends Error {
  override name = "ReportsFailedError";
  constructor(
    readonly failed: number,
    readonly total: number,
  ) {
    super(`${failed} of ${total} reports failed (each is named above, with its reason)`);
  }
}
