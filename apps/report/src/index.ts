export { main } from "./cli.js";
export { derivativesAt, type Derivatives, type Order } from "./derivatives.js";
export { readPoints } from "./points.js";
export { UsageError, InputError } from "./errors.js";
export { reportCommand, reportHelp } from "./commands/report.js";
