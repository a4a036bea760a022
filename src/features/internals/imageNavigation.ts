/** Moving through the test images, optionally only those of one class. */

/** Next index after `from` (wrapping, in `direction`) whose label is `classIndex` (any class when null). */
export function stepIndex(labels: Uint8Array, available: number, from: number, direction: 1 | -1, classIndex: number | null): number {
  for (let k = 1; k <= available; k++) {
    const i = (((from + direction * k) % available) + available) % available;
    if (classIndex === null || labels[i] === classIndex) return i;
  }
  return from;
}
