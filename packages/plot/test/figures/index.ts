/** Every snapshot figure: a named function from a document to an SVG element. */
export * from "./fexample-profiles.js";
export * from "./fexample-maps.js";
export * from "./named-inputs.js";
