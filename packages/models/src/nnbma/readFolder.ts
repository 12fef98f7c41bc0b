import { MissingFileError, NnbmaFormatError, NotAnNnbmaFolderError, UnsupportedArchitectureError } from "../errors.js";
import type { NetworkClassData } from "../pickle/globals.js";
import { scanPickleGlobals } from "../pickle/scan.js";
import { PickleGlobal, describePy, isSequence } from "../pickle/values.js";
import { loadPickle } from "../pickle/vm.js";
import { readStateDict } from "../torch/stateDict.js";
import { Arguments, type ArgumentValue, type SavedNetwork } from "./args.js";
import { denselyConnectedSpec } from "./architectures/denselyConnected.js";
import { fullyConnectedSpec } from "./architectures/fullyConnected.js";
import { mergingNetworkSpec } from "./architectures/mergingNetwork.js";
import { polynomialNetworkSpec } from "./architectures/polynomialNetwork.js";
import { type NnbmaSource, describeFile } from "./source.js";
import type { NnbmaNetworkSpec } from "./spec.js";

/** Sub-networks nested deeper than this are refused (a guard against self-referencing folders). */
const MAX_NESTING = 32;

const SUPPORTED = "FullyConnected, DenselyConnected, PolynomialNetwork and MergingNetwork";

/**
 * Reads an nnbma network folder exactly as `NeuralNetwork.save` writes it: `init.pkl`
 * (the class and its constructor argument names), one `<arg>.json`, `<arg>.pkl` or `<arg>/`
 * per argument (lists of sub-networks in `<arg>-0/`, `<arg>-1/`…), and `state_dict.pth`.
 * Returns plain data: sizes, activation, transformers and weights, checked against each other.
 * No code from the folder is executed; the saved device is recorded but not used.
 */
export async function readNnbmaFolder(source: NnbmaSource): Promise<NnbmaNetworkSpec> {
  return readNetwork(source, "", 0);
}

function join(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

async function readNetwork(source: NnbmaSource, dir: string, depth: number, initAlreadyRead?: Uint8Array): Promise<NnbmaNetworkSpec> {
  const location = describeFile(source, dir);
  if (depth > MAX_NESTING) {
    throw new NnbmaFormatError(location, `${location}: sub-networks are nested more than ${MAX_NESTING} levels deep.`);
  }
  const initPath = join(dir, "init.pkl");
  const initFile = describeFile(source, initPath);
  const initBytes = initAlreadyRead ?? (await source.read(initPath));
  if (initBytes === undefined) throw await missingInit(source, dir, location);

  const init = loadPickle(initBytes, { file: initFile });
  if (!isSequence(init) || init.length !== 2 || !(init[0] instanceof PickleGlobal) || !isSequence(init[1])) {
    throw new NnbmaFormatError(initFile, `${initFile}: holds ${describePy(init)}; expected (network class, [argument names]).`);
  }
  const [cls, argList] = init as readonly [PickleGlobal, readonly unknown[]];
  const classData = cls.behaviour.data as NetworkClassData | undefined;
  if (classData?.kind !== "nnbma-network-class") {
    throw new NnbmaFormatError(initFile, `${initFile}: names ${cls.name}, which is not a network class; expected one of ${SUPPORTED}.`);
  }
  const argumentNames = argList.map((name) => {
    if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new NnbmaFormatError(initFile, `${initFile}: argument name ${describePy(name)} is not a Python identifier.`);
    }
    return name;
  });

  if (classData.architecture === "EmbeddingNetwork") {
    throw await unsupportedEmbedding(source, dir, cls.name, argumentNames);
  }

  const args = new Map<string, ArgumentValue>();
  for (const name of argumentNames) {
    const value = await readArgument(source, dir, name, cls.name, depth);
    if (value) args.set(name, value);
  }

  const stateDictPath = join(dir, "state_dict.pth");
  const stateDictFile = describeFile(source, stateDictPath);
  const stateDictBytes = await source.read(stateDictPath);
  if (stateDictBytes === undefined) {
    throw new MissingFileError(stateDictFile, `${stateDictFile}: missing; expected the network's weights, as NeuralNetwork.save writes them.`);
  }
  const saved: SavedNetwork = {
    location,
    className: cls.name,
    argumentNames,
    args,
    stateDict: readStateDict(stateDictBytes, stateDictFile),
    stateDictFile,
  };
  const reader = new Arguments(saved);
  switch (classData.architecture) {
    case "FullyConnected":
      return fullyConnectedSpec(reader);
    case "DenselyConnected":
      return denselyConnectedSpec(reader);
    case "PolynomialNetwork":
      return polynomialNetworkSpec(reader);
    case "MergingNetwork":
      return mergingNetworkSpec(reader);
  }
}

/** One argument, looked for as nnbma's `_recursive_load` does: `.json`, then `.pkl`, then a folder. */
async function readArgument(source: NnbmaSource, dir: string, name: string, className: string, depth: number): Promise<ArgumentValue | undefined> {
  const jsonPath = join(dir, `${name}.json`);
  const pklPath = join(dir, `${name}.pkl`);
  let arg: ArgumentValue;
  let subInit: Uint8Array | undefined;
  const json = await source.read(jsonPath);
  if (json !== undefined) {
    arg = { value: parseJson(json, describeFile(source, jsonPath)), file: describeFile(source, jsonPath) };
  } else {
    const pkl = await source.read(pklPath);
    if (pkl !== undefined) {
      arg = { value: loadPickle(pkl, { file: describeFile(source, pklPath) }), file: describeFile(source, pklPath) };
    } else if ((subInit = await source.read(join(dir, `${name}/init.pkl`))) !== undefined) {
      const value = await readNetwork(source, join(dir, name), depth + 1, subInit);
      arg = { value, file: describeFile(source, join(dir, name)) + "/" };
    } else if (name === "device") {
      return undefined; // only informative: a folder without it still loads
    } else {
      const location = describeFile(source, dir);
      throw new MissingFileError(
        describeFile(source, jsonPath),
        `${location}: the argument "${name}" of ${className} is missing; expected ${name}.json, ${name}.pkl or a ${name}/ folder.`,
      );
    }
  }
  // A list whose sub-networks were saved apart: None placeholders, and `<name>-<i>/` folders.
  if (Array.isArray(arg.value) && arg.value.includes(null)) {
    const items = [...arg.value];
    for (let i = 0; i < items.length; i++) {
      if (items[i] !== null) continue;
      const sub = join(dir, `${name}-${i}`);
      const init = await source.read(join(sub, "init.pkl"));
      if (init !== undefined) items[i] = await readNetwork(source, sub, depth + 1, init);
    }
    arg = { value: items, file: arg.file };
  }
  return arg;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  if (bytes.length === 0) throw new NnbmaFormatError(file, `${file}: the file is empty (0 bytes); expected a JSON value.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NnbmaFormatError(file, `${file}: not valid UTF-8 text; expected a JSON value.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NnbmaFormatError(file, `${file}: not valid JSON (${(error as Error).message}).`, { cause: error });
  }
}

async function missingInit(source: NnbmaSource, dir: string, location: string): Promise<Error> {
  const file = describeFile(source, join(dir, "init.pkl"));
  const names = await source.list?.(dir);
  const expected = "expected an nnbma network folder (init.pkl, one file per constructor argument, state_dict.pth)";
  if (names && names.length === 0) {
    return new NotAnNnbmaFolderError(location, `${location}: the folder is empty; ${expected}.`);
  }
  const holds = names ? ` (it holds ${names.slice(0, 8).join(", ")}${names.length > 8 ? ", …" : ""})` : "";
  return dir === ""
    ? new NotAnNnbmaFolderError(location, `${location}: there is no init.pkl${holds}; ${expected}.`)
    : new MissingFileError(file, `${file}: missing${holds}; expected the sub-network's init.pkl.`);
}

/** Describes what an EmbeddingNetwork folder holds, reading nothing from its pickles but their global names. */
async function unsupportedEmbedding(
  source: NnbmaSource,
  dir: string,
  className: string,
  argumentNames: readonly string[],
): Promise<UnsupportedArchitectureError> {
  const location = describeFile(source, dir);
  const parts: string[] = [];
  for (const name of ["subnetwork", "preprocessing", "postprocessing"].filter((n) => argumentNames.includes(n))) {
    const pkl = await source.read(join(dir, `${name}.pkl`));
    const json = await source.read(join(dir, `${name}.json`));
    const init = await source.read(join(dir, `${name}/init.pkl`));
    if (pkl !== undefined) {
      let globals: string;
      try {
        globals = scanPickleGlobals(pkl, describeFile(source, join(dir, `${name}.pkl`))).join(", ") || "plain values";
      } catch {
        globals = "an unreadable pickle";
      }
      parts.push(`${name}: ${globals}`);
    } else if (json !== undefined) {
      parts.push(`${name}: ${new TextDecoder().decode(json).replace(/\s+/g, " ").slice(0, 60)}`);
    } else if (init !== undefined) {
      let inner = "a network folder";
      try {
        const value = loadPickle(init, { file: describeFile(source, join(dir, `${name}/init.pkl`)) });
        if (isSequence(value) && value[0] instanceof PickleGlobal) inner = `a ${value[0].name.split(".").pop()} folder`;
      } catch {
        inner = "a network folder with an unreadable init.pkl";
      }
      parts.push(`${name}: ${inner}`);
    } else {
      parts.push(`${name}: missing`);
    }
  }
  return new UnsupportedArchitectureError(
    className,
    location,
    `${location}: EmbeddingNetwork is not supported (it wraps a sub-network between pre- and post-processing modules; ${parts.join("; ")}); expected ${SUPPORTED}.`,
  );
}
