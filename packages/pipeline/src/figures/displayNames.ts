/**
 * Names that only number their entries (x1, x2…; f1, f2…; y_0, y_1…) are
 * left out, so that labels keep the notebook's symbols x₁, f̂₃.
 */
export function displayNames(names: readonly string[]): readonly string[] | undefined {
  const numbers = names.map((name) => /^[A-Za-z]*_?(\d+)$/.exec(name)?.[1]);
  if (numbers.every((d, i) => d !== undefined && Number(d) === i + 1) || numbers.every((d, i) => d !== undefined && Number(d) === i))
    return undefined;
  return names;
}
