/**
 * Helper threads for the WebAssembly kernels. A pool of helpers is shared by
 * every module of the CPU backend: each module registered with it gets an
 * instance in every helper, over the caller's shared memory. A job is a plan
 * (`plan.ts`): the helper's share of a kernel call, copies in, calls and
 * copies out, over buffers that are SharedArrayBuffers. The calling thread
 * runs its own share meanwhile, then blocks (`Atomics.wait`) until every
 * helper is done. So a kernel called synchronously uses several cores, copies
 * included. One pool, not one a module: helpers spin a while after each job,
 * and two pools' spinning threads would take each other's cores.
 *
 * Node only: the helpers are `worker_threads` workers, reached synchronously
 * through `process.getBuiltinModule` (Node 20.16+), started from a short
 * script of their own (no file to find), and unref'd, so they never keep a
 * process alive. Browsers' main threads may not block, and a page's workers
 * are already one a core, so there `threadedInstance` starts none.
 */
import type { HostArray } from "../../../backend.js";
import { fullCollection, nodeBuiltin, nodeEnv, type NodePort, type WorkerThreads } from "./node.js";
import { PlanBuilder, runPlan } from "./plan.js";

/** Control words of a helper, in an Int32Array over a SharedArrayBuffer: the job's module, or REGISTER. */
const Word = { posted: 0, done: 1, failed: 2, module: 3 } as const;
const CONTROL_INTS = 4;
/** The job that makes a helper take a module from its port and instantiate it. */
const REGISTER = -1;
/** The job that makes a helper collect its garbage: the buffers of past plans, which its own allocations are too few to collect soon. */
const COLLECT = -2;
/** Polls of a control word, about a nanosecond each, before a thread sleeps. */
const SPINS = 1_000_000;
/**
 * How long the caller waits for a helper before giving up: jobs are a share
 * of one kernel call, and a helper starts in tens of milliseconds, so only a
 * helper that died (which the blocked caller cannot be told) takes this long.
 */
const HELPER_TIMEOUT_MS = 60_000;
/** How long a new helper may take to instantiate a module (its first job): a few tens of milliseconds, unless it could not start. */
const START_TIMEOUT_MS = 20_000;

/**
 * The helper's loop, in plain JavaScript: wait for the posted count to move,
 * take the job's message from the port (a module to instantiate, or a plan
 * and its buffers), run it, publish the done count. A job that throws posts
 * its message on the port before it is marked done, so the caller can read it
 * synchronously. It spins up to about a millisecond before sleeping: the
 * kernels of one transform come one after the other, and a sleeping thread
 * takes tens to hundreds of microseconds to wake. `__name` is for the text of
 * `runPlan` and `fullCollection` when a source transform that keeps function
 * names produced it.
 */
const HELPER_SCRIPT = `
const { workerData, receiveMessageOnPort } = process.getBuiltinModule("node:worker_threads");
const { control, port } = workerData;
const __name = (fn) => fn;
const runPlan = ${runPlan.toString()};
const fullCollection = ${fullCollection.toString()};
const collect = (() => {
  try {
    return fullCollection(process.getBuiltinModule("node:v8"), process.getBuiltinModule("node:vm")) ?? (() => {});
  } catch {
    return () => {};
  }
})();
const modules = [];
const words = new Int32Array(control, 0, ${CONTROL_INTS});
let seen = 0;
for (;;) {
  for (let spin = 0; Atomics.load(words, ${Word.posted}) === seen && spin < ${SPINS}; spin++);
  Atomics.wait(words, ${Word.posted}, seen);
  seen = Atomics.load(words, ${Word.posted});
  try {
    const job = receiveMessageOnPort(port).message;
    const index = words[${Word.module}];
    if (index === ${COLLECT}) collect();
    else if (index === ${REGISTER}) {
      const exports = new WebAssembly.Instance(job.module, { env: { memory: job.memory } }).exports;
      modules.push({ memory: job.memory, fns: job.names.map((name) => exports[name]) });
    } else {
      const { memory, fns } = modules[index];
      runPlan(job.plan, job.buffers, new Float64Array(memory.buffer), fns);
    }
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
  readonly port: NodePort;
}

/** A helper's share of a kernel call: its plan, and the buffers the plan names by index (over SharedArrayBuffers). */
export interface HelperShare {
  readonly plan: Float64Array;
  readonly buffers: readonly HostArray[];
}

/** A pool of helper threads. Not reentrant: one `run` at a time, from the thread that made it. */
export class WasmHelpers {
  private posted = 0;
  /** Shares handed to the helpers so far. */
  shares = 0;
  /** The registered modules, by their index in each helper. */
  private readonly modules = new Map<WebAssembly.Module, number>();

  private constructor(
    private readonly threads: WorkerThreads,
    private readonly helpers: readonly Helper[],
  ) {}

  /** `count` helpers with no module yet; null where helpers cannot run (not Node 20.16+, no SharedArrayBuffer, or count < 1). */
  static start(count: number): WasmHelpers | null {
    const threads = nodeBuiltin("node:worker_threads");
    if (!threads || count < 1 || typeof SharedArrayBuffer !== "function") return null;
    const helpers = Array.from({ length: count }, (): Helper => {
      const control = new SharedArrayBuffer(CONTROL_INTS * 4);
      const { port1, port2 } = new threads.MessageChannel();
      // No execArgv: the parent's loaders and --input-type have nothing to do with the script.
      const worker = new threads.Worker(HELPER_SCRIPT, { eval: true, execArgv: [], workerData: { control, port: port2 }, transferList: [port2] });
      worker.unref();
      port1.unref();
      return { words: new Int32Array(control, 0, CONTROL_INTS), port: port1 };
    });
    return new WasmHelpers(threads, helpers);
  }

  /**
   * Gives every helper an instance of `module` over `memory` (shared); plans
   * for it call its exported functions `names` by their index there. Returns
   * the module's index, for `run`.
   */
  register(module: WebAssembly.Module, memory: WebAssembly.Memory, names: readonly string[]): number {
    const known = this.modules.get(module);
    if (known !== undefined) return known;
    this.post(
      REGISTER,
      this.helpers.map(() => ({ module, memory, names })),
    );
    this.wait(null, START_TIMEOUT_MS);
    const index = this.modules.size;
    this.modules.set(module, index);
    return index;
  }

  /** Makes every helper collect its garbage, and waits for them. */
  collect(): void {
    this.post(
      COLLECT,
      this.helpers.map(() => null),
    );
    this.wait(null, HELPER_TIMEOUT_MS);
  }

  /**
   * Hands `shares[h]` to helper h (fewer shares leave the others idle) for the
   * module of index `module`, runs `own` on this thread, then waits for the
   * helpers; throws a helper's error after all have finished.
   */
  run(module: number, shares: readonly HelperShare[], own: () => void): void {
    if (shares.length > this.helpers.length) throw new RangeError(`WasmHelpers: ${shares.length} shares for ${this.helpers.length} helpers`);
    if (module < 0 || module >= this.modules.size) throw new RangeError(`WasmHelpers: no registered module ${module}`);
    this.post(module, shares);
    this.shares += shares.length;
    // The helpers write into this thread's buffers: wait for them even when `own` throws, then throw its error.
    let ownError: { error: unknown } | null = null;
    try {
      own();
    } catch (error) {
      ownError = { error };
    }
    this.wait(shares.length, HELPER_TIMEOUT_MS);
    if (ownError) throw ownError.error;
  }

  /** Posts one message a helper, then the job that makes it take the message. */
  private post(module: number, messages: readonly unknown[]): void {
    const seq = ++this.posted;
    messages.forEach((message, h) => {
      const { words, port } = this.helpers[h]!;
      port.postMessage(message);
      words[Word.module] = module;
      Atomics.store(words, Word.posted, seq);
      Atomics.notify(words, Word.posted);
    });
  }

  /** Waits for the first `count` helpers (all when null) to finish the last job posted; throws the first one's error. */
  private wait(count: number | null, timeoutMs: number): void {
    const seq = this.posted;
    const busy = this.helpers.slice(0, count ?? this.helpers.length);
    const deadline = Date.now() + timeoutMs;
    for (const { words } of busy) {
      for (let spin = 0; Atomics.load(words, Word.done) !== seq && spin < SPINS; spin++);
      for (let done = Atomics.load(words, Word.done); done !== seq; done = Atomics.load(words, Word.done)) {
        if (Date.now() > deadline) throw new Error(`WasmHelpers: a helper thread gave no answer in ${timeoutMs / 1000} s`);
        Atomics.wait(words, Word.done, done, 100);
      }
    }
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
  if (!nodeBuiltin("node:worker_threads")?.isMainThread) return 1;
  const asked = nodeEnv("NABLA_CPU_THREADS");
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`NABLA_CPU_THREADS must be a positive integer, got "${asked}"`);
    return n;
  }
  return Math.max(1, Math.min(8, nodeBuiltin("node:os")?.availableParallelism() ?? 1));
}

/** The pools of this thread, by number of helpers: every module with as many threads shares one. */
const pools = new Map<number, WasmHelpers | null>();

/**
 * Makes the helpers of this thread's pools collect their garbage: a buffer
 * handed to a helper stays alive until both threads have collected it.
 */
export function collectInHelpers(): void {
  for (const pool of pools.values()) pool?.collect();
}

/** How many shares of kernel calls this thread's pools have handed to helpers so far (to see that calls were split). */
export function helperShares(): number {
  return [...pools.values()].reduce((sum, pool) => sum + (pool?.shares ?? 0), 0);
}

/** A module's instance on this thread, with its memory and functions, and the pool of helpers that share that memory (none with one thread). */
export interface ThreadedInstance {
  readonly memory: WebAssembly.Memory;
  /** The exported functions `names`, in that order: plans call them by index. */
  readonly fns: readonly ((...args: number[]) => unknown)[];
  /** The helpers and the module's index among theirs, or null. */
  readonly helpers: { readonly pool: WasmHelpers; readonly module: number } | null;
  /** Threads that compute, this one included: `threads` where helpers could start, else 1. */
  readonly threads: number;
}

/**
 * An instance of the module that `bytes(shared)` gives, whose memory is at most
 * `maxPages`: with more than one thread, over a shared memory it imports,
 * registered with this thread's pool of `threads − 1` helpers; else (or where
 * helpers cannot start) over a memory of its own that it exports. Plans call
 * its exported functions `names` by their index in that list.
 */
export function threadedInstance(
  bytes: (shared: boolean) => Uint8Array<ArrayBuffer>,
  maxPages: number,
  threads: number,
  names: readonly string[],
): ThreadedInstance {
  const fnsOf = (exports: WebAssembly.Exports) => names.map((name) => exports[name] as (...args: number[]) => unknown);
  if (threads > 1) {
    if (!pools.has(threads - 1)) pools.set(threads - 1, WasmHelpers.start(threads - 1));
    const pool = pools.get(threads - 1)!;
    if (pool) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: maxPages, shared: true });
      const module = new WebAssembly.Module(bytes(true));
      try {
        const index = pool.register(module, memory, names);
        const { exports } = new WebAssembly.Instance(module, { env: { memory } });
        return { memory, fns: fnsOf(exports), helpers: { pool, module: index }, threads };
      } catch {
        // Helpers that cannot take a module (they did not start): this thread alone, from now on.
        pools.set(threads - 1, null);
      }
    }
  }
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes(false)), {});
  return { memory: exports["memory"] as WebAssembly.Memory, fns: fnsOf(exports), helpers: null, threads: 1 };
}

/**
 * Runs `plans[0]` on this thread and each other plan in one of the helpers of
 * `instance`, all over `buffers`, the module's memory seen here as `heap`.
 */
export function runPlans(
  { fns, helpers }: Pick<ThreadedInstance, "fns" | "helpers">,
  heap: Float64Array,
  plans: readonly Float64Array[],
  buffers: readonly HostArray[],
): void {
  const own = () => runPlan(plans[0]!, buffers, heap, fns);
  if (plans.length === 1 || !helpers) own();
  else
    helpers.pool.run(
      helpers.module,
      plans.slice(1).map((plan) => ({ plan, buffers })),
      own,
    );
}

/** One block of a kernel call: what copies its operands in, computes it, and copies its output out, each added to a plan. */
export interface PlannedBlock {
  readonly copyIn: (plan: PlanBuilder) => void;
  readonly compute: (plan: PlanBuilder) => void;
  readonly copyOut: (plan: PlanBuilder) => void;
}

/**
 * Runs each thread's blocks (`blocks[t]`, thread 0 this one): every thread
 * its own, copies included, where the helpers can reach `buffers`; else round
 * by round, this thread copying every thread's block in, the threads
 * computing them together, and this thread copying them out.
 */
export function runBlocks(
  instance: Pick<ThreadedInstance, "fns" | "helpers">,
  heap: Float64Array,
  blocks: readonly (readonly PlannedBlock[])[],
  buffers: readonly HostArray[],
): void {
  const plan = (list: readonly PlannedBlock[], steps: readonly (keyof PlannedBlock)[]) => {
    const builder = new PlanBuilder();
    for (const block of list) for (const step of steps) block[step](builder);
    return builder.build();
  };
  if (blocks.length === 1 || buffers.every(sharedWithHelpers)) {
    runPlans(
      instance,
      heap,
      blocks.map((list) => plan(list, ["copyIn", "compute", "copyOut"])),
      buffers,
    );
    return;
  }
  const rounds = Math.max(...blocks.map((list) => list.length));
  for (let r = 0; r < rounds; r++) {
    const here = blocks.flatMap((list) => (list[r] ? [list[r]!] : []));
    runPlan(plan(here, ["copyIn"]), buffers, heap, instance.fns);
    runPlans(
      instance,
      heap,
      here.map((block) => plan([block], ["compute"])),
      [],
    );
    runPlan(plan(here, ["copyOut"]), buffers, heap, instance.fns);
  }
}

/** Whether a helper thread can read and write `buffer`: it lies in a SharedArrayBuffer. */
export const sharedWithHelpers = (buffer: HostArray): boolean =>
  typeof SharedArrayBuffer === "function" && buffer.buffer instanceof SharedArrayBuffer;

let shareBuffers: boolean | undefined;

/**
 * Whether the CPU backend should put its buffers in SharedArrayBuffers: where
 * its kernels get helper threads by default (Node's main thread, more than
 * one core), so that the helpers can copy their share of each call in and out.
 * Checked once.
 */
export function kernelBuffersShared(): boolean {
  shareBuffers ??= typeof SharedArrayBuffer === "function" && defaultKernelThreads() > 1;
  return shareBuffers;
}
