/** Element types of the numeric arrays read from model files. */
export type ElementType = "float32" | "float64" | "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" | "bool";

/** The typed array that holds each element type (`bool` is 0/1 bytes). */
export type TypedArrayOf<E extends ElementType> = {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
}[E];

export type NumericArray = TypedArrayOf<ElementType>;

export const ELEMENT_SIZE: Readonly<Record<ElementType, number>> = {
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
};

const CONSTRUCTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
} as const;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** An empty typed array of the given element type and length. */
export function allocate<E extends ElementType>(type: E, length: number): TypedArrayOf<E> {
  return new CONSTRUCTORS[type](length) as TypedArrayOf<E>;
}

/**
 * Views `count` elements of `type` stored in `bytes` (in the given byte order) as a typed array.
 * Shares `bytes`' memory when it is aligned and already in host order; copies otherwise.
 * The caller must have checked that `bytes` holds at least `count` elements.
 */
export function viewElements<E extends ElementType>(bytes: Uint8Array, type: E, count: number, littleEndian = true): TypedArrayOf<E> {
  const size = ELEMENT_SIZE[type];
  const byteLength = count * size;
  const swap = size > 1 && littleEndian !== HOST_LITTLE_ENDIAN;
  let source = bytes.subarray(0, byteLength);
  if (swap || source.byteOffset % size !== 0) {
    source = new Uint8Array(source); // a copy (Node Buffers' slice() would share memory)
    if (swap) swapBytes(source, size);
  }
  return new CONSTRUCTORS[type](source.buffer as ArrayBuffer, source.byteOffset, count) as TypedArrayOf<E>;
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** Product of a shape's dimensions (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-contiguous) strides, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/**
 * Gathers a strided view (`offset`, `shape`, `stride`, in elements) of `source` into a new
 * row-major array. The caller has checked that every index is in range.
 */
export function gatherStrided<A extends NumericArray>(source: A, offset: number, shape: readonly number[], stride: readonly number[]): A {
  const n = sizeOf(shape);
  const out = new (source.constructor as new (length: number) => A)(n);
  if (n === 0) return out;
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let at = offset;
  const src = source as unknown as ArrayLike<number | bigint>;
  const dst = out as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < n; i++) {
    dst[i] = src[at]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      at += stride[axis]!;
      if (index[axis]! < shape[axis]!) break;
      at -= stride[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
