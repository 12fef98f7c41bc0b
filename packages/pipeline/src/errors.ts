/**
 * Error classes of @nabla/pipeline. Each message says what was wrong, where,
 * and what was expected.
 */

/** A parameter is unusable: `param` names it, the message says what is expected instead. */
export class ParamsError extends RangeError {
  override name = "ParamsError";
  constructor(
    /** The parameter's path, e.g. "ranges[1]" or "output". */
    readonly param: string,
    /** The value given. */
    readonly value: unknown,
    /** What was expected, as a phrase ("an integer ≥ 2"). */
    readonly expected: string,
  ) {
    super(`params.${param}: got ${describeValue(value)}; expected ${expected}`);
  }
}

/** The truth and the model cannot be compared: different inputs or outputs. */
export class TargetMismatchError extends RangeError {
  override name = "TargetMismatchError";
}

/** A model source the engine cannot open here (a path in a browser, an in-memory model in a worker). */
export class UnsupportedSourceError extends TypeError {
  override name = "UnsupportedSourceError";
}

/** A backend asked for cannot run here: the message says why (every mode that was tried, and its reason). */
export class BackendUnavailableError extends Error {
  override name = "BackendUnavailableError";
  constructor(
    /** The backend asked for ("gpu"). */
    readonly backend: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`backend "${backend}" is unavailable here: ${reason}; use backend "cpu"`, options);
  }
}

/** A computation was cancelled through its AbortSignal before it finished. */
export class CancelledError extends Error {
  override name = "AbortError";
  constructor(what: string) {
    super(`${what}: cancelled`);
  }
}

/** The worker behind an engine failed, exited, or was closed. */
export class WorkerError extends Error {
  override name = "WorkerError";
}

/** An error thrown inside a worker, rebuilt on this side with its name and message. */
export class RemoteError extends Error {
  constructor(
    name: string,
    message: string,
    readonly remoteStack?: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** Whether `error` is a cancellation (ours, or a DOM/Node AbortError). */
export const isCancellation = (error: unknown): boolean => error instanceof CancelledError || (error instanceof Error && error.name === "AbortError");

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
