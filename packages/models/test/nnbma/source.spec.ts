import { expect } from "chai";
import {
  type FileLike,
  NotAnNnbmaFolderError,
  SourceReadError,
  readNnbmaFolder,
  sourceFromFileList,
  sourceFromFiles,
  sourceFromUrl,
} from "../../src/index.js";
import { directorySource } from "../../src/node.js";
import { folderFiles, utf8 } from "../helpers/folder.js";
import { nnbmaFolder } from "../helpers/paths.js";

/** A `fetch` serving a folder's files under `base`, 404 for anything else. */
function fakeFetch(base: string, files: Map<string, Uint8Array>, requested: string[] = []) {
  return async (input: string): Promise<Response> => {
    requested.push(input);
    const path = decodeURIComponent(input.slice(base.length));
    const bytes = files.get(path);
    return bytes ? new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200 }) : new Response("not found", { status: 404 });
  };
}

describe("nnbma/source", () => {
  it("reads a folder from a map of bytes, normalizing paths", async () => {
    const source = sourceFromFiles({ "./init.pkl": utf8("a"), "sub/x.json": utf8("1") }, "mem");
    expect(await source.read("init.pkl")).to.deep.equal(utf8("a"));
    expect(await source.read("/sub/x.json")).to.deep.equal(utf8("1"));
    expect(await source.read("missing")).to.equal(undefined);
    expect(await source.list!("")).to.deep.equal(["init.pkl", "sub"]);
    expect(await source.list!("sub")).to.deep.equal(["x.json"]);
  });

  it("reads a folder picked with webkitdirectory (a FileList of relative paths)", async () => {
    const files: FileLike[] = [...folderFiles(nnbmaFolder("merging"))].map(([path, bytes]) => ({
      name: path.split("/").pop()!,
      webkitRelativePath: `merging/${path}`,
      arrayBuffer: async () => bytes.slice().buffer,
    }));
    const source = await sourceFromFileList(files);
    expect(source.location).to.equal("merging");
    const spec = await readNnbmaFolder(source);
    expect(spec.architecture).to.equal("MergingNetwork");
    expect(spec.outputFeatures).to.equal(5);
  });

  it("reads a folder served at a URL, fetching files on demand", async () => {
    const base = "https://models.example/nets/seed-net/";
    const requested: string[] = [];
    const source = sourceFromUrl(base, { fetch: fakeFetch(base, folderFiles(nnbmaFolder("seed-net")), requested) });
    const spec = await readNnbmaFolder(source);
    expect(spec.architecture).to.equal("FullyConnected");
    expect(source.location).to.equal("https://models.example/nets/seed-net");
    expect(requested).to.include(`${base}state_dict.pth`);
  });

  it("with a manifest, asks only for the files listed", async () => {
    const base = "https://models.example/seed-net/";
    const files = folderFiles(nnbmaFolder("seed-net"));
    const requested: string[] = [];
    const source = sourceFromUrl(base, { fetch: fakeFetch(base, files, requested), files: [...files.keys()] });
    await readNnbmaFolder(source);
    expect(requested.every((url) => files.has(url.slice(base.length)))).to.equal(true);
  });

  it("reports HTTP failures other than 404 with the URL", async () => {
    const source = sourceFromUrl("https://models.example/x", { fetch: async () => new Response("", { status: 500 }) });
    try {
      await readNnbmaFolder(source);
      expect.fail("expected a rejection");
    } catch (error) {
      expect(error).to.be.instanceOf(SourceReadError);
      expect((error as Error).message).to.equal("https://models.example/x/init.pkl: the server answered HTTP 500; expected the file or a 404.");
    }
  });

  it("a URL folder with no init.pkl is not an nnbma folder", async () => {
    const source = sourceFromUrl("https://models.example/empty/", { fetch: async () => new Response("", { status: 404 }) });
    try {
      await readNnbmaFolder(source);
      expect.fail("expected a rejection");
    } catch (error) {
      expect(error).to.be.instanceOf(NotAnNnbmaFolderError);
      expect((error as Error).message).to.match(/^https:\/\/models\.example\/empty: there is no init\.pkl; expected an nnbma network folder/);
    }
  });

  it("a directory source refuses paths that leave the folder", async () => {
    const source = directorySource(nnbmaFolder("seed-net"));
    expect(await source.read("layers_sizes.json")).to.be.instanceOf(Uint8Array);
    expect(await source.read("nothing.json")).to.equal(undefined);
    try {
      await source.read("../merging/init.pkl");
      expect.fail("expected a rejection");
    } catch (error) {
      expect(error).to.be.instanceOf(SourceReadError);
      expect((error as Error).message).to.match(/refused to read "\.\.\/merging\/init\.pkl", which lies outside the folder/);
    }
  });
});
