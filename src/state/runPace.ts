/**
 * The run's remaining time from its measured pace, for the control bar and the run-size prices.
 *
 * The engine's own rate is measured over the last few seconds, so on a shared machine it swings
 * (an ETA of 14 → 48 → 33 min in two minutes). Here the page times the run itself, on its own
 * clock, as the progress events arrive:
 * - training pace: batches trained per second of training time (pauses, validation and testing
 *   not counted), over the last `windowSeconds` of training, after the first batch (which
 *   includes compiling the kernels);
 * - epoch boundaries (validation, the per-epoch test subset, the checkpoint): their measured
 *   duration once one has happened, else priced from the training pace;
 * - the final test: priced like the boundaries.
 * The estimate converges as the run goes on (src/state/runPace.test.ts drives it with a fake clock).
 */
import type { RunConfig } from '../ml/config/runConfig';
import type { TrainingState } from '../protocol/engineState';

/** A forward pass over an image costs about a third of a training step on it (forward + backward + update). */
export const EVALUATION_COST = 1 / 3;
/** Images of the per-epoch evaluation (src/ml/training/epochSubset.ts). */
const EPOCH_SUBSET = 1000;

export interface PaceEstimate {
  /** Seconds left in the run, or null while not measured yet (or no run is going). */
  readonly etaSeconds: number | null;
  /** Training examples per second over the recent training time, or null before it is measured. */
  readonly examplesPerSecond: number | null;
}

export const NO_PACE: PaceEstimate = { etaSeconds: null, examplesPerSecond: null };

type PaceConfig = Pick<RunConfig, 'batchSize' | 'trainSize' | 'validationSplit' | 'testSize' | 'epochs'>;

interface Sample {
  /** Training time (s) when this many batches had been trained. */
  readonly t: number;
  readonly batches: number;
}

export class RunPace {
  private runBatchesSeen = -1;
  private lastNow: number | null = null;
  private lastStatus: TrainingState['status'] = 'idle';
  private trainingSeconds = 0;
  private samples: Sample[] = [];
  private boundarySeconds = 0;
  private boundariesMeasured = 0;
  private inBoundary = 0;
  /** The last run's average training speed, kept after it ends (to price the next runs). */
  private lastRate: number | null = null;

  constructor(
    private readonly minTrainingSeconds = 3,
    private readonly windowSeconds = 90,
  ) {}

  /** Forgets the run in progress (a new run starts, or a reset). */
  private restart(): void {
    this.trainingSeconds = 0;
    this.samples = [];
    this.boundarySeconds = 0;
    this.boundariesMeasured = 0;
    this.inBoundary = 0;
    this.lastNow = null;
  }

  /** Training examples per second over the recent window (null before enough was trained). */
  private rate(batchSize: number): number | null {
    if (this.samples.length < 2) return null;
    const last = this.samples[this.samples.length - 1];
    if (last.t < this.minTrainingSeconds) return null;
    // The oldest sample still inside the window (the first one after warm-up otherwise).
    let first = this.samples[0];
    for (const s of this.samples) {
      if (last.t - s.t <= this.windowSeconds) {
        first = s;
        break;
      }
    }
    const seconds = last.t - first.t;
    const batches = last.batches - first.batches;
    return seconds > 0 && batches > 0 ? (batches * batchSize) / seconds : null;
  }

  /** The speed to price runs at: the run's while it trains, else the last run's. */
  get examplesPerSecond(): number | null {
    return this.lastRate;
  }

  /** Feeds the training state after every event, with the time it arrived (seconds). */
  observe(training: TrainingState, config: PaceConfig, now: number): PaceEstimate {
    const batches = training.batches.length;
    // A new run (its curve starts again, or is replaced by a resumed one's) or a reset.
    if (batches < this.runBatchesSeen || training.status === 'idle') this.restart();
    const dt = this.lastNow === null ? 0 : Math.max(0, now - this.lastNow);
    if (this.lastStatus === 'training' && this.samples.length > 0) this.trainingSeconds += dt;
    if (this.lastStatus === 'validating') {
      this.inBoundary += dt;
    }
    // A boundary ends when training starts again (or the run moves on to its test).
    if (this.lastStatus === 'validating' && training.status !== 'validating' && this.inBoundary > 0) {
      this.boundarySeconds += this.inBoundary;
      this.boundariesMeasured++;
      this.inBoundary = 0;
    }
    this.lastNow = now;
    this.lastStatus = training.status === 'paused' && training.waiting ? 'paused' : training.status;
    this.runBatchesSeen = batches;
    // The first batch reported starts the clock: its time includes compiling the kernels.
    if (batches > 0 && training.status !== 'idle') {
      const lastSample = this.samples[this.samples.length - 1];
      if (!lastSample || lastSample.batches !== batches) this.samples.push({ t: this.trainingSeconds, batches });
      while (this.samples.length > 2 && this.samples[this.samples.length - 1].t - this.samples[1].t > this.windowSeconds) this.samples.shift();
    }
    const rate = this.rate(config.batchSize);
    if (rate !== null) this.lastRate = rate;
    const busy = training.status === 'training' || training.status === 'paused' || training.status === 'validating' || training.status === 'evaluating';
    if (!busy) return { etaSeconds: null, examplesPerSecond: null };
    return { etaSeconds: rate === null ? null : this.remainingSeconds(training, config, rate), examplesPerSecond: rate };
  }

  private remainingSeconds(training: TrainingState, config: PaceConfig, rate: number): number {
    const valCount = Math.floor(config.trainSize * config.validationSplit);
    const perEpochBatches = training.batchesInEpoch > 0 ? training.batchesInEpoch : Math.ceil((config.trainSize - valCount) / config.batchSize);
    const epochs = training.epochs;
    const epoch = Math.min(training.epoch, epochs - 1);
    // Seconds per evaluated image: measured at the epoch boundaries once one has passed, else priced from the training pace.
    const boundaryImages = valCount + Math.min(EPOCH_SUBSET, config.testSize);
    const measured = this.boundariesMeasured > 0 && boundaryImages > 0;
    const perImage = measured ? this.boundarySeconds / this.boundariesMeasured / boundaryImages : EVALUATION_COST / rate;
    const boundary = boundaryImages * perImage;
    const test = config.testSize * perImage;
    if (training.status === 'evaluating') return test * (1 - (training.evaluationProgress ?? 0));
    const batchesLeft = training.status === 'validating' ? (epochs - epoch - 1) * perEpochBatches : (epochs - epoch - 1) * perEpochBatches + Math.max(0, perEpochBatches - training.batch);
    const boundariesLeft = epochs - epoch - (training.status === 'validating' ? 1 : 0);
    const currentBoundaryLeft = training.status === 'validating' ? Math.max(0, boundary - this.inBoundary) : 0;
    const secondsPerBatch = config.batchSize / rate;
    return batchesLeft * secondsPerBatch + boundariesLeft * boundary + currentBoundaryLeft + test;
  }
}
