import type { Order } from "@nabla/plot";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

const FAMILIES: readonly { order: Order; label: string }[] = [
  { order: 0, label: "Values f" },
  { order: 1, label: "First derivatives ∂f/∂xᵢ" },
  { order: 2, label: "Second derivatives ∂²f/∂xᵢ∂xⱼ" },
];

/** Which figure families are drawn; at least one stays. */
export function ordersPanel(_view: View, update: Update): Panel {
  const boxes = FAMILIES.map(({ order, label }) => {
    const input = h("input", { type: "checkbox", value: order });
    return { order, input, label: h("label", { class: "inline" }, input, ` ${label}`) };
  });
  for (const { input } of boxes) {
    input.addEventListener("change", () => {
      const orders = boxes.filter((b) => b.input.checked).map((b) => b.order);
      if (orders.length === 0) {
        input.checked = true; // something must be drawn
        return;
      }
      update({ orders });
    });
  }
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Figures"), ...boxes.map((b) => b.label));
  return {
    element,
    update(v) {
      for (const b of boxes) b.input.checked = v.state.orders.includes(b.order);
    },
  };
}
