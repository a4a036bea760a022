/** The lessons' run times in the benchmark: a fresh browser on the automatic backend, every experiment lesson once. */
import type { Browser } from '@playwright/test';
import type { BenchHarness } from '../../src/bench/harness';
import type { LessonTiming } from '../../src/bench/lessonRuns';
import type { OpenBench } from './extraRuns';

export interface LessonsSection {
  readonly date: string;
  readonly backend: string;
  readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  readonly lessons: readonly LessonTiming[];
}

export async function measureLessons(launch: () => Promise<Browser>, openBench: OpenBench, backend: string, log: (line: string) => void): Promise<LessonTiming[]> {
  const browser = await launch();
  try {
    const { page } = await openBench(browser, `?backend=${backend}`);
    const lessons = await page.evaluate(() => (window as unknown as { playgroundBench: BenchHarness }).playgroundBench.lessons());
    for (const l of lessons) log(`lesson ${l.lesson} (${l.title}): ${l.error ?? `${l.trainSeconds.toFixed(1)} s training, ${l.wallSeconds.toFixed(1)} s from the click; point ${l.pointHolds ? 'shown' : 'NOT shown'}`}`);
    return lessons;
  } finally {
    await browser.close();
  }
}

export function lessonsMarkdown(section: LessonsSection): string[] {
  const lines = [
    `**Lessons** (${section.date.slice(0, 10)}), on ${section.backend}: each experiment lesson's runs started through the store as a student's click starts them. Load average ${section.loadAverage.start.join(', ')} at the start, ${section.loadAverage.end.join(', ')} at the end.`,
    '',
    '| lesson | runs | training | from the click | point shown | first sentence of the explanation |',
    '|---|---|---|---|---|---|',
  ];
  for (const l of section.lessons) {
    const text = (l.error ?? l.sentences[0] ?? '').replace(/\|/g, '/');
    lines.push(`| ${l.lesson}. ${l.title} | ${l.arms} | ${Number.isFinite(l.trainSeconds) ? `${l.trainSeconds.toFixed(0)} s` : '–'} | ${l.wallSeconds.toFixed(0)} s | ${l.pointHolds ? 'yes' : 'no'} | ${text} |`);
  }
  return lines;
}
