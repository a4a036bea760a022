/** Number formatting shared by the panels (English grouping, fixed decimals). */
export const formatCount = (n: number) => n.toLocaleString('en');
export const formatPercent = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;
export const formatMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * A duration as a person writes it: the whole total is rounded first (so never "2 min 60 s"),
 * to a precision that fits its size: "8 s", "45 s", "2 min 30 s", "3 min", "16 min", "1 h 5 min".
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 10) return `${Math.max(1, Math.ceil(seconds))} s`;
  if (seconds < 60) {
    const s = Math.round(seconds / 5) * 5;
    return s < 60 ? `${s} s` : '1 min';
  }
  if (seconds < 10 * 60) {
    const total = Math.round(seconds / 10) * 10;
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s === 0 ? `${m} min` : `${m} min ${s} s`;
  }
  if (seconds < 60 * 60) {
    const m = Math.round(seconds / 60);
    return m < 60 ? `${m} min` : '1 h';
  }
  const total = Math.round(seconds / 300) * 5;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
