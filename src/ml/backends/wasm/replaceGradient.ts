/**
 * Replacing one of tfjs-core's registered gradients with a wrapper that takes a faster path
 * where it can and calls the original everywhere else. Gradients are registered for every
 * backend at once, so a wrapper checks the backend itself.
 *
 * Installing again (hot module reload, a second registerWasmTrainingKernels call) wraps the
 * original once more, never a previous wrapper.
 */
import { type GradConfig, getGradient, registerGradient } from '@tensorflow/tfjs';

const ORIGINAL = Symbol.for('fashion-mnist-cnn-playground.wasm.originalGradient');
type Installed = GradConfig & { [ORIGINAL]?: GradConfig };

export function replaceGradient(kernelName: string, wrap: (original: GradConfig) => Pick<GradConfig, 'inputsToSave' | 'gradFunc'>): void {
  const current = getGradient(kernelName) as Installed | undefined;
  if (current == null) throw new Error(`tfjs-core registered no ${kernelName} gradient`);
  const original = current[ORIGINAL] ?? current;
  const installed: Installed = { ...original, ...wrap(original), kernelName };
  installed[ORIGINAL] = original;
  registerGradient(installed);
}
