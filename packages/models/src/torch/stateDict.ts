import { type TypedArrayOf, contiguousStrides, gatherStrided, sizeOf, viewElements } from "../binary.js";
import { PickleFormatError, StateDictError, UnsupportedStorageTypeError } from "../errors.js";
import { loadPickle } from "../pickle/vm.js";
import { PickleGlobal, describePy, isDict, isSequence } from "../pickle/values.js";
import { type TorchStorageType, isStorageType, isTensorRef } from "./records.js";
import { readZip } from "./zip.js";

/** Element types of the tensors a state dict holds. */
export type StateTensorDtype = "float32" | "float64" | "int64";

/** A tensor read from a state dict: row-major values and their shape. */
export type StateTensor = {
  [D in StateTensorDtype]: { readonly dtype: D; readonly shape: readonly number[]; readonly data: TypedArrayOf<D> };
}[StateTensorDtype];

/** Tensors by parameter name, in the order `state_dict()` gave them. */
export type StateDict = ReadonlyMap<string, StateTensor>;

const READABLE: ReadonlySet<string> = new Set(["float32", "float64", "int64"]);

/** A storage as handed to `_rebuild_tensor_v2` by the persistent loader. */
interface LoadedStorage {
  readonly kind: "torch.loadedStorage";
  readonly type: TorchStorageType;
  readonly key: string;
  readonly numel: number;
  readonly bytes: Uint8Array;
}

/**
 * Reads a PyTorch state dict saved by `torch.save` (a zip holding `<prefix>/data.pkl`,
 * `<prefix>/data/<key>` storages and `<prefix>/version`). Each tensor is rebuilt from its
 * storage, offset, shape and stride into a row-major typed array; non-contiguous views are
 * gathered. `file` names the file in errors.
 */
export function readStateDict(bytes: Uint8Array, file: string): StateDict {
  const entries = readZip(bytes, file);
  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    const listed = [...entries.keys()].slice(0, 8).join(", ") || "none";
    throw new StateDictError(
      file,
      `${file}: expected exactly one "<prefix>/data.pkl" entry as torch.save writes, found ${pickles.length} (entries: ${listed}).`,
    );
  }
  const prefix = pickles[0]!.slice(0, -"data.pkl".length);
  const pickleName = `${file}:${pickles[0]}`;
  const byteOrder = entries.get(`${prefix}byteorder`);
  const littleEndian = byteOrder === undefined || new TextDecoder().decode(byteOrder).trim() !== "big";

  const storages = new Map<string, LoadedStorage>();
  const persistentLoad = (pid: unknown): LoadedStorage => {
    if (!isSequence(pid) || pid.length < 5 || pid[0] !== "storage") {
      throw new PickleFormatError(
        pickleName,
        `${pickleName}: persistent id ${describePy(pid)} is not a storage reference; expected ('storage', type, key, location, numel).`,
      );
    }
    const [, type, key, , numel] = pid;
    const typeData = type instanceof PickleGlobal ? type.behaviour.data : undefined;
    if (!isStorageType(typeData)) {
      throw new PickleFormatError(pickleName, `${pickleName}: storage type ${describePy(type)} is not a torch storage class.`);
    }
    if (!READABLE.has(typeData.dtype)) throw new UnsupportedStorageTypeError(typeData.name, file);
    if (typeof key !== "string" || typeof numel !== "number" || !Number.isInteger(numel) || numel < 0) {
      throw new PickleFormatError(
        pickleName,
        `${pickleName}: storage reference has key ${describePy(key)} and size ${describePy(numel)}; expected a str and a non-negative int.`,
      );
    }
    const cached = storages.get(key);
    if (cached) return cached;
    const entryName = `${prefix}data/${key}`;
    const data = entries.get(entryName);
    if (data === undefined) {
      throw new StateDictError(
        file,
        `${file}: the archive has no entry "${entryName}", which holds storage ${key} (${typeData.name}); expected every storage the pickle refers to.`,
      );
    }
    if (data.length < numel * typeData.elementSize) {
      throw new StateDictError(
        file,
        `${file}: entry "${entryName}" holds ${data.length} bytes but storage ${key} needs ${numel} × ${typeData.elementSize} = ${numel * typeData.elementSize}.`,
      );
    }
    const storage: LoadedStorage = { kind: "torch.loadedStorage", type: typeData, key, numel, bytes: data };
    storages.set(key, storage);
    return storage;
  };

  const value = loadPickle(entries.get(pickles[0]!)!, { file: pickleName, persistentLoad });
  if (!isDict(value)) {
    throw new StateDictError(file, `${file}: data.pkl holds ${describePy(value)}; expected a state dict (an OrderedDict of tensors).`);
  }
  const views = new Map<LoadedStorage, TypedArrayOf<StateTensorDtype>>();
  const out = new Map<string, StateTensor>();
  for (const [key, ref] of value) {
    if (typeof key !== "string") throw new StateDictError(file, `${file}: state dict key ${describePy(key)} is not a str.`);
    if (!isTensorRef(ref)) {
      throw new StateDictError(file, `${file}: state dict entry "${key}" is ${describePy(ref)}; expected a tensor.`);
    }
    const storage = ref.storage as LoadedStorage;
    let all = views.get(storage);
    if (!all) {
      all = viewElements(storage.bytes, storage.type.dtype as StateTensorDtype, storage.numel, littleEndian);
      views.set(storage, all);
    }
    const shape = [...ref.size];
    const count = sizeOf(shape);
    let last = ref.storageOffset;
    for (let axis = 0; axis < shape.length; axis++) last += (shape[axis]! - 1) * ref.stride[axis]!;
    if (count > 0 && last >= storage.numel) {
      throw new StateDictError(
        file,
        `${file}: tensor "${key}" (shape [${shape.join(", ")}], stride [${ref.stride.join(", ")}], offset ${ref.storageOffset}) reaches element ${last} of a ${storage.numel}-element storage.`,
      );
    }
    const contiguous = contiguousStrides(shape).every((s, axis) => shape[axis] === 1 || s === ref.stride[axis]);
    const data = contiguous ? all.subarray(ref.storageOffset, ref.storageOffset + count) : gatherStrided(all, ref.storageOffset, shape, ref.stride);
    out.set(key, { dtype: storage.type.dtype, shape, data } as StateTensor);
  }
  return out;
}

/** A state-dict tensor's values as float64 (float32 values are widened exactly). */
export function tensorToFloat64(tensor: StateTensor): Float64Array {
  if (tensor.dtype === "float64") return tensor.data;
  if (tensor.dtype === "float32") return Float64Array.from(tensor.data);
  return Float64Array.from(tensor.data, (v) => Number(v));
}
