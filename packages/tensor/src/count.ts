/** `n` and a noun, singular for one: "1 output", "3 outputs", "1 entry", "2 entries". */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;
