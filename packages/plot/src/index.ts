/**
 * @nabla/plot: the derivative figures of a function and of a network that
 * approximates it, drawn with Observable Plot from plain typed arrays. This
 * entry is browser-safe; Node rendering (SVG text, PNG) is in "@nabla/plot/node".
 */
export type { ErrorKind, FunctionData, MapData, Numbers, Order, ProfileData, Role, Samples } from "./data.js";
export { FigureDataFormatError, GridError, IndexRangeError, MissingDataError, MissingDocumentError, OptionError, ShapeError } from "./errors.js";
export type { FigureOptions } from "./figureOptions.js";
export { hessianProfiles, jacobianProfiles, profiles, valueProfile } from "./figures/profiles.js";
export type { ProfilesOptions } from "./figures/profiles.js";
export { hessianMaps, jacobianMaps, maps, valueMap } from "./figures/maps.js";
export type { MapsOptions } from "./figures/maps.js";
export { figureDataFromJson } from "./json.js";
export type { FigureData } from "./json.js";
export { inputSymbol, outputSymbol, panelTitle, quantityLabel, subscript } from "./labels.js";
export type { Names } from "./labels.js";
export { absoluteError, network, relativeError, truth } from "./transforms/roles.js";
