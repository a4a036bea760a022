/**
 * The one UI store: the app state as a projection of the engine's events plus page-only
 * state, and the commands views send. It holds no tensor and computes nothing heavy: every
 * command that needs the model goes to the engine through its connection. The questions with
 * one answer (predict, save a model…) are in ./engineRequests, which the store extends.
 */
import type { DrawingHistory } from './drawing';
import type { EngineConnection } from '../protocol/connection';
import { canStartRun, isBusyStatus } from '../protocol/readiness';
import { PROTOCOL_VERSION, type EngineSetup } from '../protocol/messages';
import { IMAGE_PIXELS } from '../ml/constants';
import type { BackendChoice, RunConfig } from '../ml/config/runConfig';
import type { ExperimentPlan } from '../ml/experiments/plan';
import type { ModelSpec } from '../ml/model/spec';
import type { AppShellState } from './appShell';
import type { AppState, UiState } from './appState';
import { EngineRequests } from './engineRequests';
import { withRestoredResults, type ExperimentResults } from './experiments';
import { projectEvent } from './project';
import { RunPace } from './runPace';
import { selectExperimentBusy } from './selectors';
import type { ViewId } from './views';

export interface StoreOptions {
  readonly dataBaseUrl: string;
  readonly decoder: EngineSetup['decoder'];
  /** Where the pretrained model is served (ending in '/'); null: none. */
  readonly pretrainedUrl?: string | null;
  /** Mirrors the settings to the address bar (and anything else that keeps them). */
  readonly onSettingsChange?: (config: RunConfig, spec: ModelSpec, ui: UiState) => void;
  /** The page's clock in seconds (tests pass a fake one). */
  readonly now?: () => number;
}

export class AppStore extends EngineRequests {
  private state: AppState;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: AppState,
    engine: EngineConnection,
    private readonly options: StoreOptions,
  ) {
    super(engine);
    // The shipped model is fetched as soon as the backend is up: until the engine says otherwise it is on its way,
    // so no view calls the placeholder network "untrained" in between.
    this.state = options.pretrainedUrl && initial.pretrained.status === 'none' ? { ...initial, pretrained: { ...initial.pretrained, status: 'loading' } } : initial;
    const now = options.now ?? (() => performance.now() / 1000);
    engine.listen((event) => this.update((s) => this.withPace(projectEvent(s, event), now())));
  }

  private readonly runPace = new RunPace();

  /** The run's pace and remaining time, timed by the page as the events arrive. */
  private withPace(state: AppState, now: number): AppState {
    if (state.training === this.state.training && state.config === this.state.config) return state;
    const pace = this.runPace.observe(state.training, state.config, now);
    const measuredSpeed = this.runPace.examplesPerSecond;
    const same = pace.etaSeconds === state.pace.etaSeconds && pace.examplesPerSecond === state.pace.examplesPerSecond;
    if (same && measuredSpeed === state.measuredSpeed) return state;
    return { ...state, pace: same ? state.pace : pace, measuredSpeed };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AppState => this.state;

  private update(change: (state: AppState) => AppState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }

  private settingsChanged(): void {
    this.options.onSettingsChange?.(this.state.config, this.state.modelSpec, this.state.ui);
  }

  /** Starts the engine: the backend and the dataset download, in parallel. */
  start(): void {
    const { config, modelSpec } = this.state;
    this.engine.send({ type: 'init', version: PROTOCOL_VERSION, setup: { config, spec: modelSpec, dataBaseUrl: this.options.dataBaseUrl, decoder: this.options.decoder, pretrainedUrl: this.options.pretrainedUrl ?? null } });
  }

  /** Retries the dataset download from the file that failed. */
  loadData(): void {
    this.engine.send({ type: 'loadData' });
  }

  canTrain(state: AppState = this.state): boolean {
    if (selectExperimentBusy(state)) return false;
    return canStartRun({ backend: state.backend, data: state.data, config: state.config, modelReady: state.model.ready });
  }

  isBusy(state: AppState = this.state): boolean {
    return isBusyStatus(state.training.status);
  }

  setConfig(patch: Partial<RunConfig>): void {
    this.update((s) => ({ ...s, config: { ...s.config, ...patch } }));
    this.engine.send({ type: 'setConfig', config: this.state.config });
    this.settingsChanged();
  }

  /** Switches the compute backend (when no run is active). */
  setBackend(choice: BackendChoice): void {
    if (this.isBusy()) return;
    this.update((s) => ({ ...s, config: { ...s.config, backend: choice } }));
    this.engine.send({ type: 'setBackend', choice });
    this.settingsChanged();
  }

  /** Architecture and recipe for the next run; a new learning rate also applies to a run in progress. */
  setModelSpec(spec: ModelSpec): void {
    this.update((s) => ({ ...s, modelSpec: spec }));
    this.engine.send({ type: 'setModelSpec', spec });
    this.settingsChanged();
  }

  train(): void {
    if (this.state.ui.resetNote !== null) this.update((s) => ({ ...s, ui: { ...s.ui, resetNote: null } }));
    this.engine.send({ type: 'train' });
  }

  stop(): void {
    this.engine.send({ type: 'stop' });
  }

  pause(): void {
    this.engine.send({ type: 'pause' });
  }

  resume(): void {
    this.engine.send({ type: 'resume' });
  }

  /** While paused, runs exactly one batch; when idle, starts a paused run and runs its first batch. */
  step(): void {
    this.engine.send({ type: 'step' });
  }

  /**
   * Reset as the page offers it (button or R): a run in progress is never thrown away without
   * asking (the page shows a confirmation, see `answerReset`); otherwise resets at once. Returns
   * what happened, in words.
   */
  requestReset(): string {
    if (this.isBusy()) {
      this.update((s) => ({ ...s, ui: { ...s.ui, confirmingReset: true } }));
      return 'A run is in progress: confirm on screen to discard it, or stop it to keep it in Runs.';
    }
    return this.reset();
  }

  /** The answer to the confirmation: 'discard' resets, 'stop' ends the run (tested and kept in Runs), 'cancel' does nothing. */
  answerReset(answer: 'discard' | 'stop' | 'cancel'): void {
    this.update((s) => ({ ...s, ui: { ...s.ui, confirmingReset: false } }));
    if (answer === 'discard') this.reset();
    else if (answer === 'stop') this.stop();
  }

  /**
   * Starts over: no run in progress, no curves. The pretrained model becomes the active one again
   * (a fresh untrained network where there is none), and a model trained here is kept aside
   * (Models → use this tab's run). Returns what the page says about it.
   */
  reset(): string {
    const s = this.state;
    const pretrained = s.pretrained.status === 'ready' || s.pretrained.status === 'loading';
    const trainedHere = s.training.batches.length > 0 || (s.model.source === 'trained' && s.model.batchesTrained > 0);
    const note = pretrained
      ? `Reset: the pretrained model is active again${trainedHere ? "; this run's model is kept in the Models view" : ''}.`
      : 'Reset: a fresh, untrained network (no pretrained model is available here).';
    this.update((st) => ({ ...st, ui: { ...st.ui, resetNote: note } }));
    this.engine.send({ type: 'reset' });
    return note;
  }

  /** Trains a lesson's experiment in the engine (its arms one after another); refused while a run trains. */
  runExperiment(plan: ExperimentPlan): void {
    if (this.isBusy() || selectExperimentBusy(this.state)) return;
    this.update((s) => ({ ...s, experiments: { ...s.experiments, requested: plan.id } }));
    this.engine.send({ type: 'runExperiment', plan });
  }

  stopExperiment(): void {
    this.engine.send({ type: 'stopExperiment' });
  }

  /** Finished arms kept in the browser from an earlier visit (this session's results win). */
  restoreExperimentResults(saved: ExperimentResults): void {
    this.update((s) => ({ ...s, experiments: withRestoredResults(s.experiments, saved) }));
  }

  /** Forgets an experiment's results, so it can be run afresh. */
  clearExperiment(id: string): void {
    if (!this.state.experiments.results[id]) return;
    this.update((s) => {
      const results = { ...s.experiments.results };
      delete results[id];
      return { ...s, experiments: { ...s.experiments, results } };
    });
  }

  removeRun(id: number): void {
    this.update((s) => ({ ...s, runs: s.runs.filter((r) => r.id !== id) }));
  }

  /** Why the engine computes on the page rather than in its worker (the page sets this on fallback). */
  noteEngineThread(note: string): void {
    this.update((s) => ({ ...s, backend: { ...s.backend, thread: 'page', threadNote: note } }));
  }

  /** What the page learned about its service worker, an update or persistent storage. */
  noteAppShell(patch: Partial<AppShellState>): void {
    this.update((s) => ({ ...s, appShell: { ...s.appShell, ...patch } }));
  }

  dismissFailure(): void {
    this.update((s) => ({ ...s, failure: null }));
  }

  /** Shows `view` (the only one rendered); opening the internals view also turns its live updates on. */
  setView(view: ViewId): void {
    if (view === this.state.ui.view) return;
    this.update((s) => ({ ...s, ui: { ...s.ui, view, internalsOpen: view === 'internals' || s.ui.internalsOpen } }));
    this.settingsChanged();
  }

  /** Records (or, with null, clears) the problem of a setting field whose typed value is not accepted. */
  reportFieldProblem(field: string, problem: string | null): void {
    const current = this.state.ui.fieldProblems;
    if ((current[field] ?? null) === problem) return;
    const next = { ...current };
    if (problem === null) delete next[field];
    else next[field] = problem;
    this.update((s) => ({ ...s, ui: { ...s.ui, fieldProblems: next } }));
  }

  setInstructorMode(on: boolean): void {
    this.update((s) => ({ ...s, ui: { ...s.ui, instructor: on } }));
    this.settingsChanged();
  }

  /**
   * Shows `pixels` (784 bytes, a copy is kept) in the internals view, labelled `label`. With
   * `reveal` (the default) the internals view opens and becomes the view on screen; without it
   * the image is only swapped (a drawing being followed as it changes), and the view stays where it is.
   */
  setDrawing(drawing: DrawingHistory): void {
    if (drawing === this.state.ui.drawing) return;
    this.update((s) => ({ ...s, ui: { ...s.ui, drawing } }));
  }

  setInternalsInput(pixels: Uint8Array, label: string, { reveal = true }: { reveal?: boolean } = {}): void {
    if (pixels.length !== IMAGE_PIXELS) throw new RangeError(`the internals view takes a 28×28 image (${IMAGE_PIXELS} bytes), got ${pixels.length} bytes`);
    this.update((s) => ({
      ...s,
      ui: {
        ...s.ui,
        internalsInput: { pixels: pixels.slice(), label, revision: (s.ui.internalsInput?.revision ?? 0) + 1, reveal },
        internalsOpen: reveal || s.ui.internalsOpen,
        view: reveal ? 'internals' : s.ui.view,
      },
    }));
    if (reveal) this.settingsChanged();
  }

  setInternalsOpen(open: boolean): void {
    if (open !== this.state.ui.internalsOpen) this.update((s) => ({ ...s, ui: { ...s.ui, internalsOpen: open } }));
  }
}
