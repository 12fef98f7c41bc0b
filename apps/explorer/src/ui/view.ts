import type { ResolvedParams, TargetInfo } from "@nabla/pipeline";
import type { ExplorerState } from "../state/state.js";

/** What is known of the truth or of the network: its description, or why it cannot be used. */
export interface TargetStatus {
  readonly info?: TargetInfo;
  readonly error?: Error;
  /** Being opened (or compiled). */
  readonly pending?: boolean;
}

/** The uploaded network, when there is one. */
export interface Upload {
  readonly name: string;
  readonly format: string;
}

/** Everything the controls show. */
export interface View {
  readonly state: ExplorerState;
  /** The parameters with every default filled in, when they can be used. */
  readonly resolved?: ResolvedParams;
  /** Why the parameters cannot be used (not counting the truth's and the network's own errors). */
  readonly error?: Error;
  /** What the view does differently from what was asked, and why (a truth and a network that do not match). */
  readonly warning?: string;
  /** The truth or the network is being opened: the parameters are not known yet. */
  readonly pending?: boolean;
  readonly truth: TargetStatus;
  readonly model: TargetStatus;
  readonly upload?: Upload;
  /** Why the files picked last could not be used. */
  readonly uploadError?: Error;
}

/** How a control changes the state: the patch, and the fields to drop (back to their defaults). */
export type Update = (patch: Partial<ExplorerState>, reset?: readonly (keyof ExplorerState)[]) => void;

/** A part of the page that follows the view. */
export interface Panel {
  readonly element: HTMLElement;
  update(view: View): void;
}
