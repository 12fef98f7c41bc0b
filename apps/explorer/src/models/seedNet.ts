import type { ModelManifest } from "./manifest.js";

/**
 * The seed network, served with the site under `seed-net/`: nnbma's
 * FullyConnected [2, 100, 100, 3] with GELU, trained on Fexample. Listing its
 * files means no request is made for files it does not have, whatever the
 * server answers for those.
 */
export const SEED_NET_FILES = [
  "activation.pkl",
  "batch_norm.json",
  "device.json",
  "init.pkl",
  "inputs_names.json",
  "inputs_transformer.json",
  "last_restrictable.json",
  "layers_sizes.json",
  "outputs_names.json",
  "outputs_transformer.json",
  "state_dict.pth",
] as const;

/** The seed network's manifest, its files relative to `baseUrl` (the page's). */
export function seedNetManifest(baseUrl: string): ModelManifest {
  const base = new URL("seed-net/", baseUrl).href;
  return { format: "nnbma", name: "seed-net", base, files: Object.fromEntries(SEED_NET_FILES.map((f) => [f, new URL(f, base).href])) };
}
