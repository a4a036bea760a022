import { describe, expect, it } from 'vitest';
import { ThroughputMeter } from './throughput';

describe('ThroughputMeter', () => {
  it('measures examples per second over the window and predicts the ETA', () => {
    let t = 0;
    const meter = new ThroughputMeter(5000, () => t);
    meter.reset();
    expect(meter.examplesPerSecond).toBeNull();
    for (let i = 0; i < 10; i++) {
      t += 500;
      meter.record(50); // 100 examples/s
    }
    expect(meter.examplesPerSecond).toBeCloseTo(100, 6);
    expect(meter.etaSeconds(1000)).toBeCloseTo(10, 6);
    for (let i = 0; i < 20; i++) {
      t += 500;
      meter.record(100); // speeds up to 200/s; old samples leave the window
    }
    expect(meter.examplesPerSecond).toBeCloseTo(200, 6);
  });
});
