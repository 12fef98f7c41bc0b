import { main } from "./cli.js";

// A reader that stops early (`nabla functions | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
