import { radioGroup } from "../controls/choice.js";
import type { Compare } from "../../state/state.js";
import type { Panel, Update, View } from "../view.js";

/** What is compared: the truth against the network, or one of them alone. */
export function comparePanel(view: View, update: Update, carryShape: () => Partial<View["state"]>): Panel {
  const group = radioGroup<Compare>(
    "Compare",
    [
      { value: "both", label: "Truth and network" },
      { value: "truth", label: "Truth only" },
      { value: "network", label: "Network only" },
    ],
    view.state.compare,
    // The network alone has no ranges of its own: it keeps those in use.
    (compare) => update(compare === "network" ? { compare, ...carryShape() } : { compare }),
  );
  group.element.classList.add("panel");
  return { element: group.element, update: (v) => group.set(v.state.compare) };
}
