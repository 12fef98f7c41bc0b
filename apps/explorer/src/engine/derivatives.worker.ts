/** A derivative worker: the pipeline's engine, opening networks from manifests. */
import { serveWebWorker } from "@nabla/pipeline/worker";
import { loadModel } from "../models/loadManifest.js";

serveWebWorker({ loadModel });
