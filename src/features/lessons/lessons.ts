/** The lessons in the coursework's order: the eight concept questions. */
import { cnnVsMlpLesson } from './cnnVsMlp';
import { confusionLesson } from './confusion';
import { filtersLesson } from './filters';
import { improveLesson } from './improve';
import { normaliseLesson } from './normalise';
import { overfittingLesson } from './overfitting';
import { poolingLesson } from './pooling';
import { softmaxLesson } from './softmax';
import type { Lesson } from './lessonModel';

export const LESSONS: readonly Lesson[] = [cnnVsMlpLesson(), filtersLesson(), poolingLesson(), normaliseLesson(), softmaxLesson, overfittingLesson(), confusionLesson, improveLesson()].sort((a, b) => a.number - b.number);

export const lessonById = (id: string | null): Lesson | null => LESSONS.find((l) => l.id === id) ?? null;
