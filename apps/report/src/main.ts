import { main } from "./cli.js";

// A reader that stops early (`nabla functions | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// End explicitly once stdout is flushed: in Node, a WebGPU device (Dawn) keeps polling after it is destroyed.
process.stdout.write("", () => process.exit(code));
