import { describe, expect, it } from 'vitest';
import { learningRateAt, SCHEDULE_EXPLANATIONS, SCHEDULES } from './schedules';
import { plannedSteps, ScheduledRate } from './scheduledRate';

const PEAK = 0.01;
const at = (schedule: (typeof SCHEDULES)[number], step: number, total = 100) => learningRateAt(schedule, PEAK, step, total);

describe('learning-rate schedules', () => {
  it('constant is the peak at every step', () => {
    for (const step of [0, 1, 50, 99, 150]) expect(at('constant', step)).toBe(PEAK);
  });

  it('step: full rate, ÷10 from half-way, ÷100 from three quarters', () => {
    expect(at('step', 0)).toBe(PEAK);
    expect(at('step', 49)).toBe(PEAK);
    expect(at('step', 50)).toBeCloseTo(PEAK / 10, 12);
    expect(at('step', 74)).toBeCloseTo(PEAK / 10, 12);
    expect(at('step', 75)).toBeCloseTo(PEAK / 100, 12);
    expect(at('step', 99)).toBeCloseTo(PEAK / 100, 12);
  });

  it('cosine: linear warm-up over 5% from peak/25, peak after it, cosine to 0 at the last step', () => {
    expect(at('cosine', 0)).toBeCloseTo(PEAK / 25, 12);
    expect(at('cosine', 1)).toBeCloseTo(PEAK * (1 / 25 + (24 / 25) / 5), 12);
    expect(at('cosine', 5)).toBeCloseTo(PEAK, 12);
    // Half-way through the decay (steps 5..99): half the peak.
    expect(at('cosine', 52)).toBeCloseTo(PEAK / 2, 12);
    expect(at('cosine', 99)).toBeCloseTo(0, 12);
  });

  it('one-cycle: rises from peak/25 to the peak at 30%, then falls to peak/25/10⁴', () => {
    expect(at('oneCycle', 0)).toBeCloseTo(PEAK / 25, 12);
    expect(at('oneCycle', 15)).toBeCloseTo((PEAK / 25 + PEAK) / 2, 12);
    expect(at('oneCycle', 30)).toBeCloseTo(PEAK, 12);
    expect(at('oneCycle', 99)).toBeCloseTo(PEAK / 25 / 1e4, 12);
    for (let s = 1; s <= 30; s++) expect(at('oneCycle', s)).toBeGreaterThan(at('oneCycle', s - 1));
    for (let s = 31; s < 100; s++) expect(at('oneCycle', s)).toBeLessThan(at('oneCycle', s - 1));
  });

  it('stays within [0, peak], and steps outside the plan clamp to the first or last value', () => {
    for (const schedule of SCHEDULES) {
      for (let s = 0; s < 100; s++) {
        const lr = at(schedule, s);
        expect(lr).toBeGreaterThanOrEqual(0);
        expect(lr).toBeLessThanOrEqual(PEAK);
      }
      expect(at(schedule, 130)).toBe(at(schedule, 99));
      expect(at(schedule, -3)).toBe(at(schedule, 0));
    }
  });

  it('works for runs of one or two steps and rejects impossible arguments', () => {
    for (const schedule of SCHEDULES) {
      for (const total of [1, 2]) {
        for (let s = 0; s < total; s++) expect(Number.isFinite(learningRateAt(schedule, PEAK, s, total))).toBe(true);
      }
      expect(() => learningRateAt(schedule, PEAK, 0, 0)).toThrow(/at least one step/);
      expect(() => learningRateAt(schedule, NaN, 0, 10)).toThrow(/finite/);
      expect(() => learningRateAt(schedule, -1, 0, 10)).toThrow(/≥ 0/);
    }
    expect(learningRateAt('oneCycle', PEAK, 1, 2)).toBeCloseTo(PEAK / 25 / 1e4, 12);
  });

  it('every schedule has a one-line explanation', () => {
    for (const schedule of SCHEDULES) expect(SCHEDULE_EXPLANATIONS[schedule]).toMatch(/^[^\n]{10,120}$/);
  });
});

describe('ScheduledRate: manual changes scale the rest of the schedule', () => {
  it('the requested rate applies at once, later steps keep the shape scaled by the same factor', () => {
    const rates = new ScheduledRate('cosine', PEAK, 100);
    const before = rates.rateAt(40);
    rates.setManualRate(40, before / 2);
    expect(rates.rateAt(40)).toBeCloseTo(before / 2, 12);
    expect(rates.rateAt(60)).toBeCloseTo(at('cosine', 60) / 2, 12);
  });

  it('with the constant schedule a manual change is the new rate from then on', () => {
    const rates = new ScheduledRate('constant', PEAK, 10);
    rates.setManualRate(3, 0.002);
    expect([3, 4, 9].map((s) => rates.rateAt(s))).toEqual([0.002, 0.002, 0.002]);
  });

  it('plans full epochs, the last batch possibly short', () => {
    expect(plannedSteps(3, 1000, 64)).toBe(3 * 16);
    expect(plannedSteps(1, 0, 64)).toBe(1);
  });
});
