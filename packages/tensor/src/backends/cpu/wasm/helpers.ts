/**
 * Helper threads for the WebAssembly kernels. A pool of helpers is shared by
 * every module of the CPU backend: each module registered with it gets an
 * instance in every helper, over the caller's shared memory. A job is one call
 * of an exported function; the calling thread computes its own part of the
 * same work meanwhile, then blocks (`Atomics.wait`) until every helper is
 * done. So a kernel called synchronously uses several cores. One pool, not one
 * a module: helpers spin a while after each job, and two pools' spinning
 * threads would take each other's cores.
 *
 * Node only: the helpers are `worker_threads` workers, reached synchronously
 * through `process.getBuiltinModule` (Node 20.16+), started from a short
 * script of their own (no file to find), and unref'd, so they never keep a
 * process alive. Browsers' main threads may not block, and a page's workers
 * are already one a core, so there `threadedInstance` starts none.
 */

/** The parts of `node:worker_threads` and `node:os` used here. */
interface WorkerThreads {
  readonly isMainThread: boolean;
  readonly Worker: new (code: string, options: { eval: true; execArgv: string[]; workerData: unknown; transferList?: unknown[] }) => NodeWorker;
  readonly MessageChannel: new () => { port1: NodePort; port2: NodePort };
  receiveMessageOnPort(port: NodePort): { message: unknown } | undefined;
}
interface NodeWorker {
  unref(): void;
}
interface NodePort {
  unref(): void;
  postMessage(message: unknown): void;
}
interface NodeProcess {
  getBuiltinModule?(id: "node:worker_threads"): WorkerThreads | undefined;
  getBuiltinModule?(id: "node:os"): { availableParallelism(): number } | undefined;
  env?: Record<string, string | undefined>;
}

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

/** Control words of a helper, in an Int32Array over a SharedArrayBuffer. */
const Word = { posted: 0, done: 1, failed: 2, fn: 3, argc: 4 } as const;
const CONTROL_INTS = 8;
const MAX_ARGS = 16;
/** The job that makes a helper take a module from its port and instantiate it. */
const REGISTER = -1;
/** Polls of a control word, about a nanosecond each, before a thread sleeps. */
const SPINS = 1_000_000;
/**
 * How long the caller waits for a helper before giving up: jobs are blocks of
 * milliseconds, and a helper starts in tens of them, so only a helper that
 * died (which the blocked caller cannot be told) takes this long.
 */
const HELPER_TIMEOUT_MS = 60_000;
/** How long a new helper may take to instantiate a module (its first job): a few tens of milliseconds, unless it could not start. */
const START_TIMEOUT_MS = 20_000;

/**
 * The helper's loop, in plain JavaScript: wait for the posted count to move,
 * run the job, publish the done count. A job that throws posts its message on
 * the port before it is marked done, so the caller can read it synchronously.
 * It spins up to about a millisecond before sleeping: the next job of a
 * blocked kernel comes once the caller has copied a block out and the next
 * one in (a fraction of a millisecond), and a sleeping thread takes tens to
 * hundreds of microseconds to wake.
 */
const HELPER_SCRIPT = `
const { workerData, receiveMessageOnPort } = process.getBuiltinModule("node:worker_threads");
const { control, port } = workerData;
const fns = [];
const words = new Int32Array(control, 0, ${CONTROL_INTS});
const args = new Float64Array(control, ${CONTROL_INTS * 4}, ${MAX_ARGS});
let seen = 0;
for (;;) {
  for (let spin = 0; Atomics.load(words, ${Word.posted}) === seen && spin < ${SPINS}; spin++);
  Atomics.wait(words, ${Word.posted}, seen);
  seen = Atomics.load(words, ${Word.posted});
  try {
    const fn = words[${Word.fn}];
    if (fn === ${REGISTER}) {
      const { module, memory, names } = receiveMessageOnPort(port).message;
      const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
      for (const name of names) fns.push(exports[name]);
    } else fns[fn](...args.subarray(0, words[${Word.argc}]));
  } catch (error) {
    port.postMessage(String((error && error.stack) || error));
    Atomics.store(words, ${Word.failed}, seen);
  }
  Atomics.store(words, ${Word.done}, seen);
  Atomics.notify(words, ${Word.done});
}
`;

/** One helper thread and its control words. */
interface Helper {
  readonly words: Int32Array;
  readonly args: Float64Array;
  readonly port: NodePort;
}

/** A job for one helper: a function of a registered module (`WasmHelpers.fn`) and its arguments (numbers: pointers, counts). */
export interface HelperJob {
  readonly fn: number;
  readonly args: readonly number[];
}

/** A pool of helper threads. Not reentrant: one `run` at a time, from the thread that made it. */
export class WasmHelpers {
  private posted = 0;
  /** Every registered function, by module and name: its index in each helper's table. */
  private readonly functions = new Map<WebAssembly.Module, Map<string, number>>();
  private size = 0;

  private constructor(
    private readonly threads: WorkerThreads,
    private readonly helpers: readonly Helper[],
  ) {}

  /** `count` helpers with no module yet; null where helpers cannot run (not Node 20.16+, no SharedArrayBuffer, or count < 1). */
  static start(count: number): WasmHelpers | null {
    const threads = nodeProcess()?.getBuiltinModule?.("node:worker_threads");
    if (!threads || count < 1 || typeof SharedArrayBuffer !== "function") return null;
    const helpers = Array.from({ length: count }, (): Helper => {
      const control = new SharedArrayBuffer(CONTROL_INTS * 4 + MAX_ARGS * 8);
      const { port1, port2 } = new threads.MessageChannel();
      // No execArgv: the parent's loaders and --input-type have nothing to do with the script.
      const worker = new threads.Worker(HELPER_SCRIPT, { eval: true, execArgv: [], workerData: { control, port: port2 }, transferList: [port2] });
      worker.unref();
      port1.unref();
      return { words: new Int32Array(control, 0, CONTROL_INTS), args: new Float64Array(control, CONTROL_INTS * 4, MAX_ARGS), port: port1 };
    });
    return new WasmHelpers(threads, helpers);
  }

  /** How many helpers there are: a caller's work can be split in `count + 1`. */
  get count(): number {
    return this.helpers.length;
  }

  /** Gives every helper an instance of `module` over `memory` (shared), whose exported functions `names` jobs may then call. */
  register(module: WebAssembly.Module, memory: WebAssembly.Memory, names: readonly string[]): void {
    if (this.functions.has(module)) return;
    for (const { port } of this.helpers) port.postMessage({ module, memory, names });
    this.run(
      this.helpers.map(() => ({ fn: REGISTER, args: [] })),
      () => {},
      START_TIMEOUT_MS,
    );
    this.functions.set(module, new Map(names.map((name, i) => [name, this.size + i])));
    this.size += names.length;
  }

  /** The job index of `module`'s function `name`. */
  fn(module: WebAssembly.Module, name: string): number {
    const index = this.functions.get(module)?.get(name);
    if (index === undefined) throw new RangeError(`WasmHelpers: no registered function ${name}`);
    return index;
  }

  /**
   * Posts `jobs[h]` to helper h (fewer jobs leave the others idle), runs `own`
   * on this thread, then waits for the helpers; throws a helper's error after
   * all have finished.
   */
  run(jobs: readonly HelperJob[], own: () => void, timeoutMs = HELPER_TIMEOUT_MS): void {
    if (jobs.length > this.helpers.length) throw new RangeError(`WasmHelpers: ${jobs.length} jobs for ${this.helpers.length} helpers`);
    const seq = ++this.posted;
    const busy = this.helpers.slice(0, jobs.length);
    jobs.forEach(({ fn, args }, h) => {
      const { words, args: slots } = busy[h]!;
      if (args.length > MAX_ARGS) throw new RangeError(`WasmHelpers: ${args.length} arguments, at most ${MAX_ARGS}`);
      words[Word.fn] = fn;
      words[Word.argc] = args.length;
      slots.set(args);
      Atomics.store(words, Word.posted, seq);
      Atomics.notify(words, Word.posted);
    });
    // The helpers read this thread's memory: wait for them even when `own` throws, then throw its error.
    let ownError: { error: unknown } | null = null;
    try {
      own();
    } catch (error) {
      ownError = { error };
    }
    const deadline = Date.now() + timeoutMs;
    for (const { words } of busy) {
      for (let spin = 0; Atomics.load(words, Word.done) !== seq && spin < SPINS; spin++);
      for (let done = Atomics.load(words, Word.done); done !== seq; done = Atomics.load(words, Word.done)) {
        if (Date.now() > deadline) throw new Error(`WasmHelpers: a helper thread gave no answer in ${timeoutMs / 1000} s`);
        Atomics.wait(words, Word.done, done, 100);
      }
    }
    if (ownError) throw ownError.error;
    for (const { words, port } of busy) {
      if (Atomics.load(words, Word.failed) === seq) {
        const message = this.threads.receiveMessageOnPort(port)?.message;
        throw new Error(`WasmHelpers: a helper thread failed: ${String(message)}`);
      }
    }
  }
}

/**
 * How many threads the CPU kernels use by default: on Node's main thread, the
 * cores this process may use (`os.availableParallelism()`, at most 8) or
 * NABLA_CPU_THREADS; 1 in a worker (the derivative engines' workers are one a
 * core already) and in browsers.
 */
export function defaultKernelThreads(): number {
  const process = nodeProcess();
  const threads = process?.getBuiltinModule?.("node:worker_threads");
  if (!threads?.isMainThread) return 1;
  const asked = process?.env?.NABLA_CPU_THREADS;
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`NABLA_CPU_THREADS must be a positive integer, got "${asked}"`);
    return n;
  }
  return Math.max(1, Math.min(8, process?.getBuiltinModule?.("node:os")?.availableParallelism() ?? 1));
}

/** The pools of this thread, by number of helpers: every module with as many threads shares one. */
const pools = new Map<number, WasmHelpers | null>();

/** A module's instance on this thread, with its memory, and the pool of helpers that share that memory (none with one thread). */
export interface ThreadedInstance<E> {
  readonly exports: E;
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly helpers: WasmHelpers | null;
  /** Threads that compute, this one included: `threads` where helpers could start, else 1. */
  readonly threads: number;
}

/**
 * An instance of the module that `bytes(shared)` gives, whose memory is at most
 * `maxPages`: with more than one thread, over a shared memory it imports,
 * registered with this thread's pool of `threads − 1` helpers for its exported
 * functions `names`; else (or where helpers cannot start) over a memory of its
 * own that it exports.
 */
export function threadedInstance<E>(
  bytes: (shared: boolean) => Uint8Array<ArrayBuffer>,
  maxPages: number,
  threads: number,
  names: readonly string[],
): ThreadedInstance<E> {
  if (threads > 1) {
    if (!pools.has(threads - 1)) pools.set(threads - 1, WasmHelpers.start(threads - 1));
    const helpers = pools.get(threads - 1)!;
    if (helpers) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: maxPages, shared: true });
      const module = new WebAssembly.Module(bytes(true));
      try {
        helpers.register(module, memory, names);
        return { exports: new WebAssembly.Instance(module, { env: { memory } }).exports as E, memory, module, helpers, threads };
      } catch {
        // Helpers that cannot take a module (they did not start): this thread alone, from now on.
        pools.set(threads - 1, null);
      }
    }
  }
  const module = new WebAssembly.Module(bytes(false));
  const exports = new WebAssembly.Instance(module, {}).exports;
  return { exports: exports as E, memory: exports["memory"] as WebAssembly.Memory, module, helpers: null, threads: 1 };
}
