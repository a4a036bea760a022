/**
 * What the engine's rooms share: the browser (or Node) wiring they were given, the way out
 * for events, and the settings the page last sent. Each room owns its own state; this holds
 * only what belongs to none of them.
 */
import type { BackendPlatform } from '../ml/backends/activateBackend';
import type { RunConfig } from '../ml/config/runConfig';
import type { ModelSpec } from '../ml/model/spec';
import type { ModelStorage } from '../platform/modelStorage';
import type { BackendState } from '../protocol/engineState';
import type { EngineEvent, EngineSetup } from '../protocol/messages';
import type { DataDeps, DataLoading } from './dataLoading';
import type { ModelLibrary } from './modelLibrary';
import type { ShaderWarmup } from './shaderWarmup';

export interface GpuReading {
  readonly renderer: string;
  readonly software: boolean;
}

export interface EngineDeps extends Omit<DataDeps, 'dataBaseUrl' | 'decoders'> {
  readonly backendPlatform: BackendPlatform;
  readonly readGpuInfo: () => GpuReading | null;
  readonly decoders: (choice: EngineSetup['decoder']) => DataDeps['decoders'];
  /** The browser's model store (default: IndexedDB of this origin). */
  readonly openStorage?: () => Promise<ModelStorage>;
}

/** The backend as the engine reports it (the page adds where the engine runs). */
export type ReportedBackend = Omit<BackendState, 'thread' | 'threadNote'>;

export type Emit = (event: EngineEvent, transfer: Transferable[]) => void;

/** The settings for the next run, as the page last sent them (a run keeps its own copy). */
export interface EngineSettings {
  config: RunConfig;
  spec: ModelSpec;
}

export interface EngineShared {
  readonly deps: EngineDeps;
  /** Sends an event to the page (its buffers transferred). */
  readonly emit: (event: EngineEvent) => void;
  readonly settings: EngineSettings;
  /** The dataset being loaded (from init on). */
  data: DataLoading | null;
  /** Saved models, the pretrained model and the run's checkpoint (from init on). */
  library: ModelLibrary;
  /** Compiles the training step's GPU programs while the data loads (shaderWarmup.ts). */
  readonly warmup: ShaderWarmup;
}
