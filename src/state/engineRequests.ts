/**
 * The questions the page asks the engine that have one answer (a prediction, a saved model's
 * entry, a file's bytes), as the store offers them to views. None of them changes the store's
 * state here: what they change in the engine comes back as events, which the store projects.
 */
import type { EngineConnection } from '../protocol/connection';
import type { ResponseOf } from '../protocol/messages';
import type { InternalsRequest } from '../ml/internals/snapshot';

export class EngineRequests {
  constructor(protected readonly engine: EngineConnection) {}

  /** 784 bytes (0..255) → 10 class probabilities from the current model. */
  predict(pixels: Uint8Array): Promise<ResponseOf['predict']> {
    return this.engine.request({ kind: 'predict', pixels: pixels.slice() });
  }

  /** Every layer's activations, the heat map and filters of the current model for one image. */
  inspect(request: InternalsRequest): Promise<ResponseOf['inspect']> {
    return this.engine.request({ kind: 'inspect', request: { ...request, pixels: request.pixels.slice() } });
  }

  /** Saves the active model in this browser (the engine answers with its entry, or why not). */
  saveModel(name: string): Promise<ResponseOf['saveModel']> {
    return this.engine.request({ kind: 'saveModel', name });
  }

  loadSavedModel(id: string): Promise<null> {
    return this.engine.request({ kind: 'loadSavedModel', id });
  }

  renameSavedModel(id: string, name: string): Promise<null> {
    return this.engine.request({ kind: 'renameSavedModel', id, name });
  }

  deleteSavedModel(id: string): Promise<null> {
    return this.engine.request({ kind: 'deleteSavedModel', id });
  }

  /** The active model as a zip file's bytes and a file name for the download. */
  exportModel(): Promise<ResponseOf['exportModel']> {
    return this.engine.request({ kind: 'exportModel' });
  }

  /** Checks a model file in the engine; if it is good it becomes the active model. */
  importModel(bytes: Uint8Array, fileName: string): Promise<null> {
    return this.engine.request({ kind: 'importModel', bytes, fileName });
  }

  useModel(which: 'pretrained' | 'run'): Promise<null> {
    return this.engine.request({ kind: 'useModel', which });
  }

  /** The interrupted run: resume it, keep it as a saved model, or forget it. */
  interruptedRunAction(action: 'resume' | 'save' | 'discard'): Promise<null> {
    return this.engine.request({ kind: 'interruptedRun', action });
  }

  /** Asks for the active model's test evaluation (a model not trained in this tab); it arrives as state. */
  evaluateActiveModel(): Promise<null> {
    return this.engine.request({ kind: 'evaluateActiveModel' });
  }

  /** After a divergence: the weights from before the run, back in the model. */
  restoreStartWeights(): Promise<null> {
    return this.engine.request({ kind: 'restoreStartWeights' });
  }
}
