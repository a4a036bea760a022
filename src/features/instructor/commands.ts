/** What each instructor shortcut does to the playground, and what to tell the room. */
import { selectRunStatus, type RunPhase } from '../../state/runStatus';
import type { AppStore } from '../../state/store';
import type { ShortcutCommand } from './shortcuts';

export type PlaygroundCommands = Pick<AppStore, 'getState' | 'train' | 'pause' | 'resume' | 'step' | 'requestReset'>;

/** What to tell the room; `onlyWhile`: the message describes this phase and is dropped once it changes. */
export interface ShortcutOutcome {
  readonly text: string;
  readonly onlyWhile?: RunPhase;
}

/** Runs `command` and says what happened (or why nothing did), in the words of the one run status. */
export function runShortcut(store: PlaygroundCommands, command: Exclude<ShortcutCommand, 'internals'>): ShortcutOutcome {
  const status = selectRunStatus(store.getState());
  const { phase } = status;
  switch (command) {
    case 'train':
      if (status.busy) return { text: 'A run is already going: press P to pause it, or R to reset.', onlyWhile: phase };
      if (!status.canStart) return { text: `Not ready to train yet: ${status.text}`, onlyWhile: phase };
      store.train();
      return { text: 'Training a new network.' };
    case 'pauseResume':
      if (phase === 'training') {
        store.pause();
        return { text: 'Paused.' };
      }
      if (phase === 'paused' || phase === 'pausing') {
        store.resume();
        return { text: 'Resumed.' };
      }
      return { text: 'Nothing to pause: press T to train.', onlyWhile: phase };
    case 'step':
      if (phase === 'paused' || status.canStart) {
        store.step();
        return { text: 'Stepped one batch.' };
      }
      if (status.busy) return { text: 'Stepping works while paused: press P first.', onlyWhile: phase };
      return { text: `Not ready to train yet: ${status.text}`, onlyWhile: phase };
    case 'reset':
      // A run in progress is only asked about: the question goes once the run moves on.
      return status.busy ? { text: store.requestReset(), onlyWhile: phase } : { text: store.requestReset() };
  }
}
