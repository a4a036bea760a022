/** What each instructor shortcut does to the playground, and what to tell the room. */
import type { AppStore } from '../../state/store';
import type { ShortcutCommand } from './shortcuts';

export type PlaygroundCommands = Pick<AppStore, 'getState' | 'isBusy' | 'canTrain' | 'train' | 'pause' | 'resume' | 'step' | 'reset'>;

/** Runs `command` and returns a short message saying what happened (or why nothing did). */
export function runShortcut(store: PlaygroundCommands, command: Exclude<ShortcutCommand, 'internals'>): string {
  const status = store.getState().training.status;
  switch (command) {
    case 'train':
      if (store.isBusy()) return 'A run is already going: press R to reset first.';
      if (!store.canTrain()) return 'Not ready to train yet: the data or TensorFlow.js is still loading.';
      store.train();
      return 'Training a new network.';
    case 'pauseResume':
      if (status === 'training') {
        store.pause();
        return 'Paused.';
      }
      if (status === 'paused') {
        store.resume();
        return 'Resumed.';
      }
      return 'Nothing to pause: press T to train.';
    case 'step':
      if (status === 'paused' || (!store.isBusy() && store.canTrain())) {
        store.step();
        return 'Stepped one batch.';
      }
      return status === 'training' ? 'Stepping works while paused: press P first.' : 'Not ready to train yet.';
    case 'reset':
      store.reset();
      return 'Reset: a fresh, untrained network.';
  }
}
