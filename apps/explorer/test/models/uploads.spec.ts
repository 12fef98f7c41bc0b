import { expect } from "chai";
import { nnbmaFolderManifest, onnxManifest, safetensorsManifest, UploadError, type PickedFile } from "../../src/models/uploads.js";

const file = (path: string, text = "x"): PickedFile => Object.assign(new Blob([text]), { name: path.split("/").pop()!, webkitRelativePath: path });

describe("picked files as network manifests", () => {
  it("lists a picked folder's files by their path inside it, the folder's name as the network's", () => {
    const manifest = nnbmaFolderManifest([file("net/init.pkl"), file("net/state_dict.pth"), file("net/sub-0/init.pkl")]);
    expect(manifest.format).to.equal("nnbma");
    expect(manifest.name).to.equal("net");
    if (manifest.format !== "nnbma") return;
    expect(Object.keys(manifest.files)).to.deep.equal(["init.pkl", "state_dict.pth", "sub-0/init.pkl"]);
    for (const url of Object.values(manifest.files)) expect(url).to.match(/^blob:/);
  });

  it("refuses a folder without init.pkl, and nothing picked, saying what to pick", () => {
    expect(() => nnbmaFolderManifest([file("photos/cat.png")])).to.throw(UploadError, "photos: no init.pkl at the top of the folder");
    expect(() => nnbmaFolderManifest([])).to.throw(UploadError, "no files were picked");
  });

  it("takes an ONNX file, and a safetensors file with its spec picked together", () => {
    expect(onnxManifest([file("seed.onnx")])).to.include({ format: "onnx", name: "seed.onnx" });
    expect(safetensorsManifest([file("spec.json"), file("net.safetensors")])).to.include({
      format: "safetensors",
      name: "net.safetensors",
      specName: "spec.json",
    });
    expect(() => safetensorsManifest([file("net.safetensors")])).to.throw(UploadError, "choose two files together");
  });
});
