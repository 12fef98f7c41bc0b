let counter = 0;

/**
 * A fresh trace level. Levels only grow, so a transform started inside another
 * always outranks it, and values of finished transforms can never be confused
 * with those of a new one.
 */
export const newLevel = (): number => ++counter;
