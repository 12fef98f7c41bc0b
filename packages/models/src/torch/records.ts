import { PickleFormatError } from "../errors.js";
import { type GlobalBehaviour, type PickleContext, describePy, isDict, isSequence } from "../pickle/values.js";

/** Element types of PyTorch storages. Only float32, float64 and int64 are read into tensors. */
export type TorchDtype =
  "float32" | "float64" | "int64" | "float16" | "bfloat16" | "int32" | "int16" | "int8" | "uint8" | "bool" | "complex64" | "complex128";

/** A legacy typed-storage class (`torch.FloatStorage`…), as named in a persistent id. */
export interface TorchStorageType {
  readonly kind: "torch.storageType";
  readonly name: string;
  readonly dtype: TorchDtype;
  readonly elementSize: number;
}

/** The storage classes PyTorch writes in `('storage', <type>, key, location, numel)` persistent ids. */
export const TORCH_STORAGE_TYPES: readonly TorchStorageType[] = (
  [
    ["FloatStorage", "float32", 4],
    ["DoubleStorage", "float64", 8],
    ["LongStorage", "int64", 8],
    ["HalfStorage", "float16", 2],
    ["BFloat16Storage", "bfloat16", 2],
    ["IntStorage", "int32", 4],
    ["ShortStorage", "int16", 2],
    ["CharStorage", "int8", 1],
    ["ByteStorage", "uint8", 1],
    ["BoolStorage", "bool", 1],
    ["ComplexFloatStorage", "complex64", 8],
    ["ComplexDoubleStorage", "complex128", 16],
  ] as const
).map(([name, dtype, elementSize]) => ({ kind: "torch.storageType", name: `torch.${name}`, dtype, elementSize }));

export function isStorageType(value: unknown): value is TorchStorageType {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "torch.storageType";
}

/**
 * A tensor as `torch._utils._rebuild_tensor_v2` describes it: a view (offset, size, stride, in
 * elements) of a storage. The storage is whatever the persistent loader returned for its id.
 */
export interface TorchTensorRef {
  readonly kind: "torch.tensor";
  readonly storage: unknown;
  readonly storageOffset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
  readonly requiresGrad: boolean;
}

export function isTensorRef(value: unknown): value is TorchTensorRef {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "torch.tensor";
}

function fail(ctx: PickleContext, message: string): PickleFormatError {
  return new PickleFormatError(ctx.file, `${ctx.file}: ${message}.`);
}

function naturals(value: unknown, what: string, ctx: PickleContext): number[] {
  if (isSequence(value) && value.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
    return value as number[];
  }
  throw fail(ctx, `tensor ${what} is ${describePy(value)}; expected a tuple of non-negative ints`);
}

/** `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`. */
export const rebuildTensorV2: GlobalBehaviour = {
  call: (args, ctx) => {
    if (args.length < 4) throw fail(ctx, `_rebuild_tensor_v2 needs at least 4 arguments, found ${args.length}`);
    const [storage, offset, size, stride, requiresGrad] = args;
    if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) {
      throw fail(ctx, `tensor storage offset is ${describePy(offset)}; expected a non-negative int`);
    }
    const shape = naturals(size, "size", ctx);
    const strides = naturals(stride, "stride", ctx);
    if (shape.length !== strides.length) {
      throw fail(ctx, `tensor size [${shape.join(", ")}] and stride [${strides.join(", ")}] differ in length`);
    }
    const ref: TorchTensorRef = {
      kind: "torch.tensor",
      storage,
      storageOffset: offset,
      size: shape,
      stride: strides,
      requiresGrad: requiresGrad === true,
    };
    return ref;
  },
};

/** `_rebuild_parameter(data, requires_grad, backward_hooks)` and `_rebuild_parameter_with_state(…, state)`. */
export const rebuildParameter: GlobalBehaviour = {
  call: (args, ctx) => {
    const [data, requiresGrad] = args;
    if (!isTensorRef(data)) throw fail(ctx, `a parameter must wrap a tensor, found ${describePy(data)}`);
    return { ...data, requiresGrad: requiresGrad === true };
  },
};

/** `torch.Size((d0, d1, …))`: a plain tuple. */
export const torchSize: GlobalBehaviour = {
  call: (args, ctx) => {
    const dims = args[0] ?? [];
    naturals(dims, "size", ctx);
    return dims;
  },
};

/** True when a module's `_parameters` / `_buffers` / `_modules` entry holds nothing. */
export function isEmptyMapping(value: unknown): boolean {
  return value === undefined || value === null || (isDict(value) && value.size === 0);
}
