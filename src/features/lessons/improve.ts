/** Lesson 8: what improves a CNN: depth, batch norm, the optimizer, augmentation, and starting from a trained network. */
import type { ArmResult } from '../../ml/experiments/plan';
import { presetById } from '../../ml/model/presets';
import { count, pct, points, type ExperimentLesson } from './lessonModel';
import { armConfig, batchNorm, conv, dense, flatten, maxPool, net, type Sizing } from './lessonParts';

const BASE = net([conv(16), maxPool, conv(32), maxPool, flatten, dense(64)]);
const DEEPER = net([conv(16), maxPool, conv(32), maxPool, conv(64), maxPool, flatten, dense(64)]);
const BATCH_NORM = net([conv(16), maxPool, batchNorm, conv(32), maxPool, batchNorm, flatten, dense(64)]);
const SGD = { ...BASE, optimizer: 'sgd' as const, learningRate: 0.01 };
const AUGMENTED = { ...BASE, augmentation: { shift: 2, flip: true, erase: 0 } };
/** The shipped pretrained network's architecture (Modern), trained from random weights or fine-tuned from the shipped ones. */
const MODERN = presetById('modern').spec;
const MODERN_PLAIN = { ...MODERN, schedule: 'constant' as const, learningRate: 0.001 };
/** Fine-tuning: a small, steady rate, so the trained weights are adjusted rather than overwritten. */
const FINE_TUNE = { ...MODERN, schedule: 'constant' as const, learningRate: 0.0002 };

const BASE_ID = 'base';
/** Why each change can help (said only of the one that helped most in this run). */
const WHY: Record<(typeof CHANGES)[number], string> = {
  deeper: 'a third convolution lets later filters combine what earlier ones found into larger shapes',
  batchNorm: 'batch norm keeps each layer\'s inputs on a steady scale, so every step of the optimizer moves the weights usefully from the first batches on',
  sgd: 'plain SGD with momentum took steps that suited this network better than Adam\'s per-weight ones',
  augmentation: 'shifted and mirrored copies showed the network more variety than the images alone',
};
const CHANGES = ['deeper', 'batchNorm', 'sgd', 'augmentation'] as const;

export function improveLesson(size: Sizing = { trainSize: 1500, testSize: 2000, epochs: 2 }): ExperimentLesson {
  const config = armConfig({ trainSize: size.trainSize, testSize: size.testSize, epochs: size.epochs, batchSize: 64, seed: 4 });
  return {
    kind: 'experiment',
    id: 'improve',
    number: 8,
    title: 'Improving the CNN',
    question: 'What would you change to improve the CNN (depth, batch norm, optimizers, augmentation, starting from a trained network)?',
    expectPrompt: `A small CNN trains for ${size.epochs} epochs on ${count(size.trainSize)} images; then the same with one change each: a third convolution, batch normalisation, plain SGD instead of Adam, augmentation. Last, the shipped network's architecture trains from random weights and from the shipped (pretrained) weights. Which change helps most in this short run?`,
    choices: [
      { id: 'pretrained', label: 'Starting from a trained network' },
      { id: 'architecture', label: 'A change to the network or its training (depth, batch norm, optimizer, augmentation)' },
      { id: 'none', label: 'None: in so short a run nothing makes a real difference' },
    ],
    runSummary: `Seven runs of ${size.epochs} epochs on ${count(size.trainSize)} images, each scored on ${count(size.testSize)} test images.`,
    curve: 'valAccuracy',
    tryIt: { spec: BATCH_NORM, config: { trainSize: size.trainSize, epochs: size.epochs, testSize: size.testSize } },
    plan: {
      id: 'improve',
      arms: [
        { id: BASE_ID, label: 'Small CNN', spec: BASE, config },
        { id: 'deeper', label: '+ a third convolution', spec: DEEPER, config },
        { id: 'batchNorm', label: '+ batch norm', spec: BATCH_NORM, config },
        { id: 'sgd', label: 'SGD instead of Adam', spec: SGD, config },
        { id: 'augmentation', label: '+ augmentation', spec: AUGMENTED, config },
        { id: 'scratch', label: 'Shipped architecture, random start', spec: MODERN_PLAIN, config },
        { id: 'finetune', label: 'Shipped architecture, pretrained start', spec: FINE_TUNE, config, fromPretrained: true },
      ],
    },
    explain(results) {
      const acc = (id: string) => (results[id] as ArmResult).test?.accuracy ?? NaN;
      const base = acc(BASE_ID);
      const deltas = CHANGES.map((id) => ({ id, label: (results[id] as ArmResult).label, delta: acc(id) - base }));
      const best = deltas.reduce((a, b) => (b.delta > a.delta ? b : a));
      const transfer = acc('finetune') - acc('scratch');
      const signed = (d: number) => `${d >= 0 ? '+' : '−'}${points(Math.abs(d))}`;
      return {
        sentences: [
          `The small CNN reached ${pct(base)}. One change at a time: ${deltas.map((d) => `${d.label} ${pct(acc(d.id))} (${signed(d.delta)})`).join('; ')}.`,
          best.delta > 0.005
            ? `The most useful single change here was "${best.label}" (${signed(best.delta)}): ${WHY[best.id]}.`
            : 'None of the four changes helped by more than half a point in this short run: they pay off over longer runs.',
          `The shipped network's architecture from random weights reached ${pct(acc('scratch'))}; starting from the shipped weights, trained on 60,000 images, and fine-tuning on the same ${count(size.trainSize)} reached ${pct(acc('finetune'))}: ${signed(transfer)}. What a network has already learned is the biggest head start there is.`,
        ],
        supports: transfer > best.delta ? 'pretrained' : best.delta > 0.005 ? 'architecture' : 'none',
        pointHolds: transfer > 0.03 && transfer > best.delta,
        figures: { base, finetune: acc('finetune'), scratch: acc('scratch'), ...Object.fromEntries(deltas.map((d) => [d.id, acc(d.id)])) },
      };
    },
  };
}
