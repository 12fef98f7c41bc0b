import type { FigureSpec } from "@nabla/pipeline";
import { expect } from "chai";
import { figureCsv } from "../../src/export/csv.js";

// f(x₁, x₂) = (x₁x₂, x₁²) at two points of a profile along x₁ (x₂ = 3), and a network off by 0.5 in ∂f₁/∂x₂.
const profile = (role: "truth" | "network" | "error", order: 0 | 1 | 2, options: object = {}): FigureSpec => ({
  name: "test",
  kind: "profile",
  role,
  order,
  data: {
    nIn: 2,
    nOut: 2,
    input: 0,
    x: [1, 2],
    truth: { value: [3, 1, 6, 4], jacobian: [3, 1, 2, 0, 3, 2, 4, 0], hessian: [0, 1, 1, 0, 2, 0, 0, 0, 0, 1, 1, 0, 2, 0, 0, 0] },
    network: { value: [3, 1, 6, 4], jacobian: [3, 1.5, 2, 0, 3, 2.5, 4, 0] },
  },
  options: { output: 0, role, order, ...options },
});

describe("figure data as CSV", () => {
  it("writes the swept input and each component of the truth", () => {
    expect(figureCsv(profile("truth", 1))).to.equal("x₁,∂f₁/∂x₁,∂f₁/∂x₂\n1,3,1\n2,3,2\n");
    expect(figureCsv(profile("truth", 2)).split("\n")[0]).to.equal("x₁,∂²f₁/∂x₁²,∂²f₁/∂x₁∂x₂,∂²f₁/∂x₂∂x₁,∂²f₁/∂x₂²");
  });

  it("writes the network beside the truth it is drawn over", () => {
    expect(figureCsv(profile("network", 1))).to.equal("x₁,∂f̂₁/∂x₁,∂f₁/∂x₁,∂f̂₁/∂x₂,∂f₁/∂x₂\n1,3,3,1.5,1\n2,3,3,2.5,2\n");
  });

  it("writes the error as the figure measures it", () => {
    expect(figureCsv(profile("error", 1, { error: "absolute" }))).to.equal(
      "x₁,absolute error of ∂f̂₁/∂x₁,absolute error of ∂f̂₁/∂x₂\n1,0,0.5\n2,0,0.5\n",
    );
    expect(figureCsv(profile("error", 1, { error: "relative", eps: 1 })).split("\n")[1]).to.equal("1,0,0.25");
  });

  it("writes a map's two inputs, x fastest", () => {
    const spec: FigureSpec = {
      name: "map",
      kind: "map",
      role: "truth",
      order: 0,
      data: { nIn: 2, nOut: 1, inputs: [1, 0], x: [0, 1], y: [10, 20], inputNames: ["a", "b"], outputNames: ["CO"], truth: { value: [1, 2, 3, 4] } },
      options: {},
    };
    expect(figureCsv(spec)).to.equal("b,a,CO\n0,10,1\n1,10,2\n0,20,3\n1,20,4\n");
  });
});
