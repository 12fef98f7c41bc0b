/** The command line was wrong: the message says what to write instead. Exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An input file or value is unusable: the message names it and the problem. Exit status 2. */
export class InputError extends Error {
  override name = "InputError";
}
