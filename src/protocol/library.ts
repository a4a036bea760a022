/** The engine's model library as the page sees it: saved models, storage, an interrupted run. */
import type { StorageUsage } from '../platform/modelStorage';

/** What the page lists for a saved model. */
export interface SavedModelSummary {
  readonly id: string;
  readonly name: string;
  readonly savedAt: string;
  readonly architecture: string;
  readonly epochsTrained: number;
  readonly testAccuracy: number | null;
  readonly testCount: number | null;
  readonly bytes: number;
}

export interface LibraryState {
  readonly available: boolean;
  /** Why saving is not possible here, or the last storage failure. */
  readonly error: string | null;
  readonly models: readonly SavedModelSummary[];
  readonly usage: StorageUsage | null;
}

/** A run that did not finish (reload, crash, closed tab): it can be resumed from its last epoch. */
export interface InterruptedRun {
  readonly runId: string;
  readonly savedAt: string;
  readonly epochsCompleted: number;
  readonly epochs: number;
  readonly architecture: string;
}
