/**
 * A lesson as plain data and functions (no React): the question, the "what do you expect?"
 * choices, what runs (an experiment's arms, or the model in use), and an explanation written
 * from this run's measured numbers, including which choice the measurements support.
 */
import type { RunConfig } from '../../ml/config/runConfig';
import type { ArmResult, ExperimentPlan } from '../../ml/experiments/plan';
import type { ModelSpec } from '../../ml/model/spec';

export interface Choice {
  readonly id: string;
  readonly label: string;
}

/** What a run measured, in sentences with its numbers, and which expectation they support. */
export interface Explanation {
  readonly sentences: readonly string[];
  /** The choice the measurements support (null: they do not decide). */
  readonly supports: string | null;
  /** Whether the lesson's point showed in this run (the tests demand it does). */
  readonly pointHolds: boolean;
  /** Named figures, for tests and the report. */
  readonly figures: Readonly<Record<string, number>>;
}

/** Settings that reproduce an experiment in the playground ("try it yourself"). */
export interface PlaygroundSetup {
  readonly config: Partial<RunConfig>;
  readonly spec: ModelSpec;
}

interface LessonBase {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly question: string;
  /** What the student is asked before running, and the answers to pick from. */
  readonly expectPrompt: string;
  readonly choices: readonly Choice[];
  /** What running it does, in one line (shown beside the run button). */
  readonly runSummary: string;
  readonly tryIt: PlaygroundSetup;
}

/** A lesson whose answer comes from training runs in the engine. */
export interface ExperimentLesson extends LessonBase {
  readonly kind: 'experiment';
  readonly plan: ExperimentPlan;
  /** The curve its runs are drawn on. */
  readonly curve: 'valAccuracy' | 'batchLoss' | 'trainVsVal';
  /** A picture of the result beside the curves, where one fits. */
  readonly figure?: 'poolingMaps' | 'filters';
  explain(results: Readonly<Record<string, ArmResult>>): Explanation;
}

/** A lesson that asks the model in use (no training). */
export interface ModelLesson extends LessonBase {
  readonly kind: 'model';
  readonly tool: 'confusion' | 'softmax' | 'filters';
}

export type Lesson = ExperimentLesson | ModelLesson;

/** The arms' results in the plan's order, once every arm has one. */
export function completeResults(lesson: ExperimentLesson, results: Readonly<Record<string, ArmResult>> | undefined): ArmResult[] | null {
  if (!results) return null;
  const arms = lesson.plan.arms.map((arm) => results[arm.id]);
  return arms.every((r): r is ArmResult => r !== undefined) ? arms : null;
}

export const pct = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;
export const count = (n: number) => n.toLocaleString('en');
/** A difference of two fractions in percentage points. */
export const points = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)} points`;
