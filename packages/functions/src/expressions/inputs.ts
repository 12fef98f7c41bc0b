import { InputsError } from "../errors.js";
import type { InputNames } from "./check.js";
import { reservedReason } from "./language.js";

const AUTOMATIC = /^x([1-9]\d*)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Without given names, the inputs are the names xk, k ≥ 1 (no leading zero). */
export const automaticInputs: InputNames = { has: (name) => AUTOMATIC.test(name), description: "x1, x2, …" };

/**
 * The automatic inputs of expressions that use `used`: x1 … xK, K the highest
 * index among them, so that xk always reads column k.
 */
export function inferInputs(used: readonly string[]): string[] {
  const count = Math.max(0, ...used.map((name) => Number(AUTOMATIC.exec(name)?.[1] ?? 0)));
  if (count === 0) throw new InputsError(`the expressions use no input; use x1, x2, … or give the input names with options.inputs`);
  return Array.from({ length: count }, (_, k) => `x${k + 1}`);
}

/** Given names: ASCII identifiers, distinct, none a function, constant or reserved word. */
export function givenInputs(names: readonly string[]): InputNames {
  if (names.length === 0) throw new InputsError("options.inputs is empty; expected at least one input name");
  names.forEach((name, i) => {
    if (!NAME.test(name)) {
      throw new InputsError(`input ${i + 1}, "${name}", is not a valid name; expected ASCII letters, digits and "_", not starting with a digit`);
    }
    const reserved = reservedReason(name);
    if (reserved) throw new InputsError(`input ${i + 1}, "${name}", cannot name an input: ${reserved}; expected another name`);
    const first = names.indexOf(name);
    if (first !== i) throw new InputsError(`input "${name}" is given twice (positions ${first + 1} and ${i + 1}); expected distinct names`);
  });
  const set = new Set(names);
  return { has: (name) => set.has(name), description: names.join(", ") };
}
