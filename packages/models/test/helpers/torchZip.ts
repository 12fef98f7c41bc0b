import { zipSync } from "fflate";
import { PickleWriter } from "./pickleWriter.js";

/** One tensor of a hand-made state dict: a view of a storage. */
export interface TensorSpec {
  readonly key: string;
  readonly storage: string;
  readonly storageType?: string; // default FloatStorage
  readonly numel: number;
  readonly offset?: number;
  readonly size: number[];
  readonly stride: number[];
}

/** The `data.pkl` torch.save writes for an OrderedDict of tensors (protocol 2). */
export function stateDictPickle(tensors: readonly TensorSpec[]): Uint8Array {
  const w = new PickleWriter().proto(2).global("collections", "OrderedDict").emptyTuple().reduce().mark();
  for (const t of tensors) {
    w.str(t.key).global("torch._utils", "_rebuild_tensor_v2").mark();
    w.mark()
      .str("storage")
      .global("torch", t.storageType ?? "FloatStorage")
      .str(t.storage)
      .str("cpu")
      .int(t.numel)
      .tuple()
      .binPersId();
    w.int(t.offset ?? 0).mark();
    for (const d of t.size) w.int(d);
    w.tuple().mark();
    for (const s of t.stride) w.int(s);
    w.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
  }
  return w.setItems().stop().toBytes();
}

/** A zip laid out as torch.save lays it out: `<prefix>/data.pkl`, `<prefix>/data/<key>`, `<prefix>/version`. */
export function torchZip(
  dataPkl: Uint8Array,
  storages: Readonly<Record<string, Uint8Array>>,
  options: { prefix?: string; level?: 0 | 6; extra?: Readonly<Record<string, Uint8Array>> } = {},
): Uint8Array {
  const prefix = options.prefix ?? "archive";
  const level = options.level ?? 0;
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {
    [`${prefix}/data.pkl`]: [dataPkl, { level }],
  };
  for (const [key, bytes] of Object.entries(storages)) files[`${prefix}/data/${key}`] = [bytes, { level }];
  files[`${prefix}/version`] = [new TextEncoder().encode("3\n"), { level }];
  for (const [name, bytes] of Object.entries(options.extra ?? {})) files[`${prefix}/${name}`] = [bytes, { level }];
  return zipSync(files);
}

export function float32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

export function float64Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float64Array(values).buffer);
}
