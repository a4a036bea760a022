import { describe, expect, it } from 'vitest';
import { assignedValue, leaderboard, valueStats, type ClassStudent } from './aggregate';
import { run } from './testFixtures';

const student = (id: string, value: number, accuracy: number | null, status: 'done' | 'training' = accuracy === null ? 'training' : 'done'): ClassStudent => ({
  id,
  name: id,
  roster: null,
  entry: { v: 1, name: id, choice: null, run: run({ value, status, test: accuracy === null ? null : { accuracy, count: 200 } }) },
});

describe('class aggregation', () => {
  const students = [student('a', 0, 0.8), student('b', 0, 0.9), student('c', 0.5, 0.85), student('d', 0.5, null), { id: 'e', name: 'e', roster: null, entry: null }];

  it('gives per value the mean, the sample spread, the range and the runs still training', () => {
    const [zero, half, unused] = valueStats([0, 0.5, 0.25], students);
    expect(zero).toMatchObject({ value: 0, count: 2, running: 0, min: 0.8, max: 0.9 });
    expect(zero.mean).toBeCloseTo(0.85, 10);
    expect(zero.sd).toBeCloseTo(Math.sqrt(0.005), 10);
    expect(half).toMatchObject({ value: 0.5, count: 1, running: 1, mean: 0.85, sd: null });
    expect(unused).toMatchObject({ value: 0.25, count: 0, mean: null });
  });

  it('adds a value a run reported outside the assignment instead of hiding it', () => {
    expect(valueStats([0], [student('x', 0.3, 0.7)]).map((s) => s.value)).toEqual([0, 0.3]);
  });

  it('ranks finished runs by test accuracy', () => {
    expect(leaderboard(students).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('assigns values round-robin by join order, or takes the student\'s valid choice', () => {
    expect([0, 1, 2, 3].map((slot) => assignedValue('roundRobin', [0, 0.25, 0.5], slot, null))).toEqual([0, 0.25, 0.5, 0]);
    expect(assignedValue('roundRobin', [0], null, null)).toBeNull();
    expect(assignedValue('choice', [0, 0.5], 3, 0.5)).toBe(0.5);
    expect(assignedValue('choice', [0, 0.5], 3, 0.7)).toBeNull();
  });
});
