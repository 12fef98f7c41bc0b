/** The expressions of a list, or of one string split at ";", each trimmed. */
export function splitExpressions(exprs: string | readonly string[]): string[] {
  return (typeof exprs === "string" ? exprs.split(";") : [...exprs]).map((e) => e.trim());
}
