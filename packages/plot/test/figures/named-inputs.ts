/**
 * Snapshot figures: a three-input function whose inputs and outputs have
 * names, which replace x_i and f_k in titles and labels.
 */
import { hessianProfiles, jacobianMaps } from "../../src/index.js";
import { manyInputsMap, manyInputsProfile } from "../helpers/manyInputs.js";

const names = { inputNames: ["P", "radm", "log Av"], outputNames: ["CO", "T"] };

export function namedHessianProfiles(document: Document) {
  return hessianProfiles({ ...manyInputsProfile(3, 2, 21), ...names }, { document, output: 1 });
}

export function namedJacobianMapsNetwork(document: Document) {
  const data = manyInputsMap(3, 2, 10, 10);
  return jacobianMaps({ ...data, ...names, network: data.truth }, { document, output: 0, role: "network" });
}
