/** `n` and a noun, singular for one: "1 output", "3 outputs". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
