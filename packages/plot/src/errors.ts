/**
 * Error classes of @nabla/plot. Each message says what was wrong, where, and
 * what was expected, so that the caller can fix the data or the options.
 */

/** An array's length disagrees with the shape its data declares. */
export class ShapeError extends RangeError {
  override name = "ShapeError";
  constructor(
    readonly where: string,
    readonly field: string,
    readonly length: number,
    readonly shape: readonly number[],
    readonly dims: string,
  ) {
    const needed = shape.reduce((a, b) => a * b, 1);
    super(`${where}: ${field} has ${length} numbers but its shape ${dims} = [${shape.join(", ")}] needs ${needed}`);
  }
}

/** A figure's role or order needs an array that the data does not carry. */
export class MissingDataError extends TypeError {
  override name = "MissingDataError";
  constructor(
    readonly where: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason} needs ${field}, but the data has none`);
  }
}

/** An index (input, output) is outside the range its data allows. */
export class IndexRangeError extends RangeError {
  override name = "IndexRangeError";
  constructor(
    readonly where: string,
    readonly field: string,
    readonly value: unknown,
    readonly size: number,
  ) {
    super(`${where}: ${field} is ${String(value)} but must be an integer in [0, ${size - 1}] (0-based)`);
  }
}

/** Sampling coordinates that cannot be drawn: too few, not finite, unevenly spaced. */
export class GridError extends RangeError {
  override name = "GridError";
  constructor(
    readonly where: string,
    readonly field: string,
    readonly problem: string,
    readonly expected: string,
  ) {
    super(`${where}: ${field} ${problem}; expected ${expected}`);
  }
}

/** An option with a value the builder does not know. */
export class OptionError extends TypeError {
  override name = "OptionError";
  constructor(
    readonly where: string,
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${where}: option ${option} is ${JSON.stringify(value) ?? String(value)}; expected ${expected}`);
  }
}

/** A builder was called where there is no DOM and no `document` option. */
export class MissingDocumentError extends TypeError {
  override name = "MissingDocumentError";
  constructor(readonly where: string) {
    super(`${where}: there is no document to draw in; pass options.document ` + `(in Node, createDocument() from "@nabla/plot/node" gives one)`);
  }
}

/** Figure data read from JSON that does not follow the documented format. */
export class FigureDataFormatError extends TypeError {
  override name = "FigureDataFormatError";
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly expected: string,
  ) {
    super(`figure data: ${path} ${problem}; expected ${expected}`);
  }
}
