import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { tensor } from "@nabla/tensor";
import { expect } from "chai";
import { fexample } from "../../src/index.js";
import { expectAllclose } from "@nabla/testing";
import { checkClosedForm } from "../helpers/closedForm.js";
import { loadReference } from "@nabla/testing";

describe("catalogue: fexample", () => {
  it("is described as the issue and the seed say", () => {
    expect(fexample.id).to.equal("fexample");
    expect(fexample.inputs).to.deep.equal(["x1", "x2"]);
    expect(fexample.outputs).to.deep.equal(["f1", "f2", "f3"]);
    expect(fexample.ranges).to.deep.equal([
      [-2, 2],
      [-1, 1],
    ]);
    expect(fexample.defaults).to.deep.equal([1, 1]);
    expect(fexample.latex).to.equal(
      String.raw`\left(\begin{array}{c} t_1\\ t_2 \end{array}\right) \longmapsto \left(\begin{array}{c} t_1+2t_2\\ t_1^2\\ t_1t_2^2 \end{array}\right)`,
    );
  });

  it("first and second derivatives equal the closed forms to 1e-12", () => {
    checkClosedForm(fexample, {
      value: ([t1, t2]) => [t1! + 2 * t2!, t1! ** 2, t1! * t2! ** 2],
      jacobian: ([t1, t2]) => [
        [1, 2],
        [2 * t1!, 0],
        [t2! ** 2, 2 * t1! * t2!],
      ],
      hessian: ([t1, t2]) => [
        [
          [0, 0],
          [0, 0],
        ],
        [
          [2, 0],
          [0, 0],
        ],
        [
          [0, 2 * t2!],
          [2 * t2!, 2 * t1!],
        ],
      ],
    });
  });

  it("equals the PyTorch reference fexample.json (value, jacobian, hessian) to 1e-12", () => {
    const ref = loadReference("fexample");
    const X = tensor(ref.points);
    const tol = { rtol: 1e-12, atol: 1e-12 };
    expectAllclose(fexample.f(X), ref.value, tol, "value");
    expectAllclose(vmap(jacrev(fexample.f))(X), ref.jacobian, tol, "jacobian");
    expectAllclose(vmap(hessian(fexample.f))(X), ref.hessian, tol, "hessian");
  });
});
