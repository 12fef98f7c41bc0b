/** A transform was given a function or arguments it cannot work with. */
export class TransformError extends TypeError {
  override name = "TransformError";
}

/** Two trees that must have one structure do not. */
export class TreeMismatchError extends TypeError {
  override name = "TreeMismatchError";
}
