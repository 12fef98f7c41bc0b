/** True in Node (where gpu.js's GL modes need the `gl` package and WebGPU the `webgpu` package), false in browsers. */
export const inNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined;
