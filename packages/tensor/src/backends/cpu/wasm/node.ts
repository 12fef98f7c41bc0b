/**
 * Node's built-in modules, reached synchronously from code that also runs in
 * browsers: through `process.getBuiltinModule` (Node 20.16+); undefined
 * elsewhere. Only the parts the CPU kernels use are typed.
 */

export interface WorkerThreads {
  readonly isMainThread: boolean;
  readonly Worker: new (code: string, options: { eval: true; execArgv: string[]; workerData: unknown; transferList?: unknown[] }) => NodeWorker;
  readonly MessageChannel: new () => { port1: NodePort; port2: NodePort };
  receiveMessageOnPort(port: NodePort): { message: unknown } | undefined;
}
export interface NodeWorker {
  unref(): void;
}
export interface NodePort {
  unref(): void;
  postMessage(message: unknown): void;
}
export interface V8 {
  setFlagsFromString(flags: string): void;
}
export interface Vm {
  runInNewContext(code: string): unknown;
}

interface Builtins {
  "node:worker_threads": WorkerThreads;
  "node:os": { availableParallelism(): number };
  "node:v8": V8;
  "node:vm": Vm;
}

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
  env?: Record<string, string | undefined>;
}

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

/** The built-in module `id`, or undefined outside Node 20.16+. */
export function nodeBuiltin<K extends keyof Builtins>(id: K): Builtins[K] | undefined {
  return nodeProcess()?.getBuiltinModule?.(id) as Builtins[K] | undefined;
}

/** The environment variable `name`, or undefined outside Node. */
export const nodeEnv = (name: string): string | undefined => nodeProcess()?.env?.[name];

/**
 * A full, synchronous collection of this thread's garbage, through the `gc`
 * that `--expose-gc` gives a new context; null where there is none.
 * Self-contained, because helpers.ts gives its source text to the helper
 * threads, which call it with their own `v8` and `vm`.
 */
export function fullCollection(v8: V8, vm: Vm): (() => void) | null {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as ((options: { type: "major"; execution: "sync" }) => void) | undefined;
  return typeof gc === "function" ? () => gc({ type: "major", execution: "sync" }) : null;
}
