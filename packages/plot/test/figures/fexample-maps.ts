/**
 * Snapshot figures: maps of Fexample over x1 ∈ [−2, 2] (to the right) and
 * x2 ∈ [−1, 1] (upward), 20×20 points, with a stand-in network f + δ.
 */
import { hessianMaps, jacobianMaps, valueMap } from "../../src/index.js";
import { fexampleMap } from "../helpers/fexample.js";

export function fexampleValueMap(document: Document) {
  return valueMap(fexampleMap(), { document, output: 2 });
}

export function fexampleJacobianMaps(document: Document) {
  return jacobianMaps(fexampleMap(), { document, output: 2, title: "Fexample f" });
}

export function fexampleHessianMaps(document: Document) {
  return hessianMaps(fexampleMap(), { document, output: 2 });
}

export function fexampleJacobianMapsNetwork(document: Document) {
  return jacobianMaps(fexampleMap(), { document, output: 2, role: "network" });
}

export function fexampleJacobianMapsError(document: Document) {
  return jacobianMaps(fexampleMap(), { document, output: 2, role: "error", eps: 1e-2 });
}

export function fexampleHessianMapsError(document: Document) {
  return hessianMaps(fexampleMap(), { document, output: 2, role: "error", eps: 1e-2 });
}
