/** An operation received shapes it cannot combine. */
export class ShapeError extends TypeError {
  override name = "ShapeError";
}

/** An index or axis outside the range of the dimension it addresses. */
export class IndexError extends RangeError {
  override name = "IndexError";
}

/** Values that cannot become a tensor (ragged nesting, non-numbers, wrong length). */
export class TensorDataError extends TypeError {
  override name = "TensorDataError";
}

/** The values of a traced tensor were asked for inside a transform. */
export class ConcretizationError extends TypeError {
  override name = "ConcretizationError";
}

/** Tensors of two backends met in one operation. */
export class BackendMismatchError extends TypeError {
  override name = "BackendMismatchError";
}
