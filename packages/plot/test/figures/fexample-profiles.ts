/**
 * Snapshot figures: profiles of Fexample along x1 (x2 = 1), 41 points, with a
 * stand-in network f + 0.1 sin(t1 + k) cos(t2).
 */
import { hessianProfiles, jacobianProfiles, profiles, valueProfile } from "../../src/index.js";
import { fexampleProfile } from "../helpers/fexample.js";

export function fexampleValueProfile(document: Document) {
  return valueProfile(fexampleProfile(), { document, output: 2 });
}

export function fexampleJacobianProfiles(document: Document) {
  return jacobianProfiles(fexampleProfile(), { document, output: 2, title: "Fexample f" });
}

export function fexampleHessianProfiles(document: Document) {
  return hessianProfiles(fexampleProfile(), { document, output: 2 });
}

export function fexampleJacobianProfilesNetwork(document: Document) {
  return jacobianProfiles(fexampleProfile(), { document, output: 2, role: "network" });
}

export function fexampleHessianProfilesNetwork(document: Document) {
  return hessianProfiles(fexampleProfile(), { document, output: 2, role: "network" });
}

export function fexampleJacobianProfilesError(document: Document) {
  return jacobianProfiles(fexampleProfile(), { document, output: 2, role: "error", eps: 1e-2 });
}

export function fexampleHessianProfilesError(document: Document) {
  return profiles(fexampleProfile(), { document, order: 2, output: 2, role: "error", error: "absolute" });
}
