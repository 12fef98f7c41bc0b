import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

const help = `nabla — derivatives of neural-network emulators and analytic functions

Commands:
  nabla eval        value, Jacobian and Hessian at given points, as JSON
  nabla functions   the analytic-function catalogue
  nabla report      the seed notebook's report, or a batch of reports (HTML, SVG, PNG, data)

\`nabla COMMAND --help\` describes each.`;

const builtinErrors = new Set<unknown>([Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]);

/**
 * Errors of the user's making — every error class of ours (bad input, shapes,
 * files, expressions) and the argument parser's — print one line and exit 2;
 * a built-in error is a bug and exits 1 with its stack.
 */
const isUserError = (e: unknown): e is Error =>
  e instanceof Error && (!builtinErrors.has(e.constructor) || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") === true);

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "eval": {
        const { values } = parseArgs({
          args: rest,
          options: {
            model: { type: "string" },
            function: { type: "string" },
            points: { type: "string" },
            order: { type: "string" },
            outputs: { type: "string" },
            physical: { type: "boolean" },
            inputs: { type: "string" },
            backend: { type: "string" },
            out: { type: "string" },
            help: { type: "boolean" },
          },
          strict: true,
        });
        // Each command's modules are loaded when it runs: the report's (jsdom among them) take seconds.
        const { evalCommand, evalHelp } = await import("./commands/eval.js");
        if (values.help) io.stdout.write(evalHelp + "\n");
        else await evalCommand(values, io);
        return 0;
      }
      case "functions": {
        const { values } = parseArgs({ args: rest, options: { json: { type: "boolean" }, help: { type: "boolean" } }, strict: true });
        const { functionsCommand, functionsHelp } = await import("./commands/functions.js");
        if (values.help) io.stdout.write(functionsHelp + "\n");
        else functionsCommand(values.json ?? false, io);
        return 0;
      }
      case "report": {
        const { values } = parseArgs({
          args: rest,
          options: {
            model: { type: "string" },
            function: { type: "string" },
            config: { type: "string" },
            backend: { type: "string" },
            out: { type: "string" },
            jobs: { type: "string" },
            shard: { type: "string" },
            force: { type: "boolean" },
            help: { type: "boolean" },
          },
          strict: true,
        });
        const { reportCommand, reportHelp } = await import("./commands/report.js");
        if (values.help) io.stdout.write(reportHelp + "\n");
        else await reportCommand(values, io);
        return 0;
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(help + "\n");
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; the commands are eval, functions and report (nabla --help)`);
    }
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`nabla ${command ?? ""}: ${(e as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`nabla ${command ?? ""}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
