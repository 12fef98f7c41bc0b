import {
  createPipeline,
  describeWith,
  drawFigure,
  isCancellation,
  parallelEngine,
  paramsTargets,
  TargetMismatchError,
  targetKey,
  type ErrorTable,
  type Params,
  type PipelineEvent,
  type ResolvedParams,
  type TargetRef,
} from "@nabla/pipeline";
import type { Role } from "@nabla/plot";
import {
  BehaviorSubject,
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  of,
  startWith,
  switchMap,
  type Observable,
} from "rxjs";
import { startEngine } from "./engine/engines.js";
import { manifestPath } from "./models/manifest.js";
import { seedNetManifest } from "./models/seedNet.js";
import { nnbmaFolderManifest, onnxManifest, safetensorsManifest } from "./models/uploads.js";
import { givenParams, mapParams, profileParams, resolve, type ModelChoice } from "./state/params.js";
import { DEFAULT_STATE, SHAPE_FIELDS, without, type ExplorerState } from "./state/state.js";
import { queryToState, stateToQuery } from "./state/url.js";
import { h } from "./ui/dom.js";
import { errorTablesView } from "./ui/errorTable.js";
import { figureBoard, type Drawn } from "./ui/figureBoard.js";
import { sizedSpec } from "./ui/figureSize.js";
import { backendPanel } from "./ui/panels/backendPanel.js";
import { comparePanel } from "./ui/panels/comparePanel.js";
import { errorPanel } from "./ui/panels/errorPanel.js";
import { inputsPanel } from "./ui/panels/inputsPanel.js";
import { networkPanel, type UploadKind } from "./ui/panels/networkPanel.js";
import { ordersPanel } from "./ui/panels/ordersPanel.js";
import { outputPanel } from "./ui/panels/outputPanel.js";
import { samplingPanel } from "./ui/panels/samplingPanel.js";
import { truthPanel } from "./ui/panels/truthPanel.js";
import { progressView, type ProgressView } from "./ui/progressView.js";
import type { Panel, TargetStatus, Update, Upload, View } from "./ui/view.js";

type Figure = SVGSVGElement | null;

/** Workers sharing a map's points: one per core, from 2 to 4 (profiles have a worker of their own). */
const MAP_WORKERS = Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2));
type Kind = "profile" | "map";

/** Where the explorer is drawn, and the URL it starts from. */
export interface ExplorerOptions {
  readonly controls: HTMLElement;
  readonly main: HTMLElement;
  readonly notices: HTMLElement;
  readonly link: HTMLAnchorElement;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** The references the parameters name; none when they name nothing usable. */
function targetsOf(params: Params): { truth?: TargetRef; model?: TargetRef } {
  try {
    return paramsTargets(params);
  } catch {
    return {};
  }
}

/** Equal keys: the same thing to describe (the model's physical flag and outputs do not change what it is). */
const describeKey = (ref: TargetRef | undefined): string | undefined =>
  ref === undefined ? undefined : ref.kind === "model" && ref.source.kind === "path" ? `model:${ref.source.path}` : targetKey(ref);

/**
 * The explorer: controls bound to a state (kept in the URL), two pipelines
 * fed from it — profiles, and maps, each in its own Web Worker, so profiles
 * never wait for maps — and the figures, progress and error table they give.
 */
export function startExplorer({ controls, main, notices, link }: ExplorerOptions): void {
  const read = queryToState(location.search);
  const problems = [...read.problems];
  let initial = read.state;
  if (initial.model === "upload") {
    problems.push("model=upload: a network opened from files cannot travel in a link; the seed network is shown instead.");
    initial = { ...initial, model: "seed" };
  }
  notices.replaceChildren(...problems.map((p) => h("p", {}, p)));
  notices.hidden = problems.length === 0;

  const store = new BehaviorSubject<ExplorerState>(initial);
  let changedAt = performance.now();
  const update: Update = (patch, reset = []) => {
    changedAt = performance.now();
    store.next({ ...without(store.value, reset), ...patch });
  };

  // The networks: the embedded seed, and the last one opened.
  const seed: ModelChoice = { path: manifestPath(seedNetManifest(document.baseURI)) };
  const upload$ = new BehaviorSubject<(Upload & ModelChoice) | undefined>(undefined);
  const uploadError$ = new BehaviorSubject<Error | undefined>(undefined);
  const model$ = combineLatest([
    store.pipe(
      map((s) => s.model),
      distinctUntilChanged(),
    ),
    upload$,
  ]).pipe(map(([model, upload]): ModelChoice => (model === "upload" && upload ? { path: upload.path } : seed)));

  const profileEngine = startEngine("nabla-profiles");
  const mapEngine = parallelEngine(Array.from({ length: MAP_WORKERS }, (_, i) => startEngine(`nabla-maps-${i + 1}`)));
  const describe = describeWith(profileEngine);

  const given$ = combineLatest([store, model$]).pipe(map(([state, model]) => ({ state, params: givenParams(state, model) })));
  const status$ = (pick: "truth" | "model"): Observable<{ key: string | undefined; status: TargetStatus }> =>
    given$.pipe(
      map(({ params }) => targetsOf(params)[pick]),
      distinctUntilChanged((a, b) => describeKey(a) === describeKey(b)),
      switchMap((ref) => {
        const key = describeKey(ref);
        if (ref === undefined) return of({ key, status: {} });
        return describe(ref).pipe(
          map((info) => ({ key, status: { info } })),
          catchError((error: unknown) => of({ key, status: { error: asError(error) } })),
          startWith({ key, status: { pending: true } }),
        );
      }),
    );

  let lastResolved: ResolvedParams | undefined;
  const view$: Observable<View> = combineLatest([given$, status$("truth"), status$("model"), upload$, uploadError$]).pipe(
    map(([{ state, params }, t, m, upload, uploadError]): View => {
      const refs = targetsOf(params);
      const truth: TargetStatus = t.key === describeKey(refs.truth) ? t.status : { pending: true };
      const model: TargetStatus = m.key === describeKey(refs.model) ? m.status : { pending: true };
      const base = { state, truth, model, ...(upload ? { upload } : {}), ...(uploadError ? { uploadError } : {}) };
      if (!refs.truth && !refs.model) return { ...base, error: new Error("Nothing to draw: choose a truth, a network, or both.") };
      if (truth.error || model.error) return base;
      if ((refs.truth && !truth.info) || (refs.model && !model.info)) return { ...base, pending: true };
      const infos = { ...(truth.info ? { truth: truth.info } : {}), ...(model.info ? { model: model.info } : {}) };
      const resolved = resolve(params, infos);
      if (resolved.ok) return { ...base, resolved: (lastResolved = resolved.params) };
      // A truth and a network that cannot be compared: the truth alone, and why.
      if (resolved.error instanceof TargetMismatchError && infos.truth) {
        const { model: _model, physical: _physical, ...truthOnly } = params;
        const alone = resolve(truthOnly, { truth: infos.truth });
        if (alone.ok) {
          const warning = `${resolved.error.message}. The truth is drawn alone: choose "Network only" for the network, or open a network that matches.`;
          return { ...base, resolved: (lastResolved = alone.params), warning };
        }
      }
      return { ...base, error: resolved.error };
    }),
  );

  // The page.
  /** What is shown now, to keep when the truth or the network changes (dropped if it does not fit). */
  const carryShape = (): Partial<ExplorerState> =>
    lastResolved
      ? { ranges: lastResolved.ranges.map((r) => [r[0], r[1]] as const), fixed: [...lastResolved.fixed], output: lastResolved.output }
      : {};
  const onUpload = (kind: UploadKind, files: File[]) => {
    try {
      const manifest = kind === "nnbma" ? nnbmaFolderManifest(files) : kind === "onnx" ? onnxManifest(files) : safetensorsManifest(files);
      uploadError$.next(undefined);
      upload$.next({ name: manifest.name, format: kind, path: manifestPath(manifest) });
      update({ model: "upload" }, store.value.compare === "network" ? SHAPE_FIELDS : ["output"]);
    } catch (error) {
      // The network in use stays; the panel says what was wrong with the files.
      uploadError$.next(asError(error));
    }
  };
  const first: View = { state: initial, truth: { pending: true }, model: { pending: true } };
  const backend = backendPanel(first, update);
  const panels: Panel[] = [
    comparePanel(first, update, carryShape),
    truthPanel(first, update, carryShape),
    networkPanel(first, update, onUpload),
    outputPanel(first, update),
    inputsPanel(first, update),
    samplingPanel(first, update),
    errorPanel(first, update),
    ordersPanel(first, update),
    backend,
  ];
  controls.append(
    ...panels.map((p) => p.element),
    h(
      "button",
      { type: "button", class: "reset", onclick: () => update({ ...DEFAULT_STATE, model: store.value.model }, [...SHAPE_FIELDS, "truthInputs"]) },
      "Reset to the defaults",
    ),
  );

  const alert = h("div", { class: "alert", role: "alert" });
  const profileProgress = progressView("Profiles", "profile");
  const mapProgress = progressView("Maps", "map");
  const reportError = (key: string, error: Error | undefined) => {
    const existing = alert.querySelector(`[data-source="${key}"]`);
    if (!error) return existing?.remove();
    const text = error.message;
    if ([...alert.children].some((c) => c !== existing && c.textContent === text)) return existing?.remove();
    const line = h("pre", { "data-source": key }, text);
    if (existing) existing.replaceWith(line);
    else alert.append(line);
  };
  const reportWarning = (warning: string | undefined) => {
    alert.querySelector(".warning")?.remove();
    if (warning) alert.append(h("p", { class: "warning" }, warning));
  };
  const board = figureBoard((error) => reportError("download", error));
  const errorTables = errorTablesView();
  main.append(h("div", { class: "status-bar" }, profileProgress.element, mapProgress.element), alert, board.element, errorTables.element);

  // The view drives the controls and feeds the pipelines.
  const inputs: Record<Kind, BehaviorSubject<Params | null>> = {
    profile: new BehaviorSubject<Params | null>(null),
    map: new BehaviorSubject<Params | null>(null),
  };
  const progress: Record<Kind, ProgressView> = { profile: profileProgress, map: mapProgress };
  const startedAt = new WeakMap<Params, number>();
  /** The parameters whose figures are awaited (undefined: not known yet, the truth or network is being opened). */
  const awaited: Record<Kind, Params | null | undefined> = { profile: undefined, map: undefined };
  /** The parameters of the figures shown. */
  const shown: Record<Kind, Params | null | undefined> = { profile: undefined, map: undefined };
  const wait = (kind: Kind) => {
    awaited[kind] = undefined;
    progress[kind].working();
    board.stale(kind, true);
  };
  const feed = (kind: Kind, next: Params | null) => {
    const subject = inputs[kind];
    const current = subject.value;
    if ((current === null) === (next === null) && JSON.stringify(current) === JSON.stringify(next)) {
      // Nothing new to compute; if the figures shown are these, they are up to date.
      if (awaited[kind] === undefined && current !== null && shown[kind] === current) {
        progress[kind].done(performance.now() - changedAt);
        board.stale(kind, false);
      }
      awaited[kind] = current;
      return;
    }
    awaited[kind] = next;
    if (next) {
      startedAt.set(next, changedAt);
      wait(kind);
      awaited[kind] = next;
    }
    subject.next(next);
  };
  view$.subscribe((view) => {
    for (const panel of panels) panel.update(view);
    reportError("params", view.error);
    reportWarning(view.warning);
    if (view.resolved) {
      feed("profile", profileParams(view.resolved));
      feed("map", mapParams(view.resolved, view.state.maps));
    } else if (view.pending) {
      wait("profile");
      if (inputs.map.value) wait("map");
    } else {
      for (const kind of ["profile", "map"] as const) {
        if (awaited[kind] === undefined) progress[kind].idle("waiting for usable parameters");
        board.stale(kind, false);
      }
    }
  });
  store.pipe(debounceTime(150)).subscribe((state) => {
    const query = stateToQuery(state);
    const url = `${location.pathname}${query ? `?${query}` : ""}`;
    history.replaceState(null, "", url);
    link.href = url;
  });

  const tables: Record<Kind, readonly ErrorTable[]> = { profile: [], map: [] };
  const onEvent = (kind: Kind) => (event: PipelineEvent<Figure> | { type: "off" }) => {
    const bar = progress[kind];
    switch (event.type) {
      case "off":
        board.show(kind, [], {});
        tables[kind] = [];
        errorTables.show([...tables.profile, ...tables.map]);
        bar.idle(kind === "map" ? "off" : "");
        reportError(kind, undefined);
        return;
      case "progress":
        bar.working(event.fraction, `${event.stage === "truth" ? "truth" : "network"} ${event.done} / ${event.total} points`);
        return;
      case "error":
        if (isCancellation(event.error)) return;
        if (event.error.name === "BackendUnavailableError") {
          // No mode of the GPU backend starts in the workers: say why, and compute on the CPU.
          backend.fellBack(event.error.message);
          update({ backend: "cpu" });
          return;
        }
        reportError(kind, event.error);
        bar.idle("failed");
        board.stale(kind, false);
        return;
      case "result": {
        const drawn: Drawn[] = event.figures.flatMap((spec, i) => {
          const svg = event.rendered[i];
          return svg ? [{ spec, svg }] : [];
        });
        const p = event.params;
        const titles: Partial<Record<Role, string>> = {
          truth: p.truth && `Truth f: ${p.truth.info.title}`,
          network: p.model && `Network f̂: ${p.model.info.title}`,
          error:
            p.truth && p.model
              ? `${p.error === "relative" ? "Relative" : "Absolute"} error of ${p.model.info.title} against ${p.truth.info.title}`
              : undefined,
        };
        board.show(kind, drawn, titles);
        if (event.derivatives.model) backend.computedOn(event.derivatives.model.computedOn);
        tables[kind] = event.errors.filter((t) => t.where === kind);
        errorTables.show([...tables.profile, ...tables.map]);
        reportError(kind, undefined);
        shown[kind] = p.given;
        // Figures of parameters that are no longer the latest are shown, but the work goes on.
        if (awaited[kind] !== p.given) {
          board.stale(kind, true);
          return;
        }
        const started = startedAt.get(p.given) ?? performance.now();
        requestAnimationFrame(() => bar.done(performance.now() - started));
        return;
      }
    }
  };

  const nonNull = filter((p: Params | null): p is Params => p !== null);
  createPipeline<Figure>(inputs.profile.pipe(nonNull), {
    engine: profileEngine,
    render: (spec) => (spec.kind === "profile" ? drawFigure(sizedSpec(spec, board.element.clientWidth)) : null),
  }).subscribe(onEvent("profile"));
  inputs.map
    .pipe(
      map((p) => p !== null),
      distinctUntilChanged(),
      switchMap((on) =>
        on
          ? createPipeline<Figure>(inputs.map.pipe(nonNull), {
              engine: mapEngine,
              render: (spec) => (spec.kind === "map" ? drawFigure(sizedSpec(spec, board.element.clientWidth)) : null),
            })
          : of({ type: "off" as const }),
      ),
    )
    .subscribe(onEvent("map"));
}
