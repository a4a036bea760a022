import { formatCount, formatDuration } from './format';
import { useAppSelector, useAppStore } from '../state/hooks';
import { selectBusy } from '../state/selectors';
import { estimateRunSeconds, matchingRunSize, RUN_SIZES, selectRunSpeed, type RunSize } from '../state/runSizes';
import type { RunConfig } from '../ml/config/runConfig';

/**
 * "about 2 min" at the speed measured here; "est. 2 min" at the speed expected for this network
 * on this backend before any run; "time: estimating…" while neither is known.
 */
export function estimateText(config: Pick<RunConfig, 'trainSize' | 'testSize' | 'epochs' | 'validationSplit'>, speed: number | null, measured = true): string {
  if (speed === null) return 'time: estimating…';
  return `${measured ? 'about' : 'est.'} ${formatDuration(estimateRunSeconds(config, speed))}`;
}

const describe = (size: RunSize) => `${formatCount(size.settings.trainSize)} images × ${size.settings.epochs} epoch${size.settings.epochs === 1 ? '' : 's'}`;

/**
 * Quick-start run sizes next to Train. Each says how long it would take here, priced at the
 * speed this tab has measured (a run's examples/s); before any run, it says so.
 */
export function RunSizePicker() {
  const store = useAppStore();
  const config = useAppSelector((s) => s.config);
  const busy = useAppSelector(selectBusy);
  const speed = useAppSelector((s) => selectRunSpeed(s)?.examplesPerSecond ?? null);
  const measured = useAppSelector((s) => selectRunSpeed(s)?.measured ?? false);
  // Rounded so the labels do not flicker with every progress update.
  const roundedSpeed = speed === null ? null : Math.max(1, Math.round(speed / 10) * 10);
  const current = matchingRunSize(config);
  return (
    <fieldset className="run-sizes" disabled={busy}>
      <legend className="visually-hidden">Run size</legend>
      {RUN_SIZES.map((size) => (
        <button
          key={size.id}
          type="button"
          className="run-sizes__option"
          aria-pressed={current === size.id}
          title={`${describe(size)}, tested on ${formatCount(size.settings.testSize)} images${measured ? '' : '; time expected for this network on this backend until a run measures it'}`}
          onClick={() => store.setConfig(size.settings)}
        >
          <span className="run-sizes__label">{size.label}</span>
          <span className="run-sizes__time">{estimateText({ ...config, ...size.settings }, roundedSpeed, measured)}</span>
        </button>
      ))}
      {current === null && (
        <span className="run-sizes__custom">
          Custom: {formatCount(config.trainSize)} × {config.epochs}, {estimateText(config, roundedSpeed, measured)}
        </span>
      )}
    </fieldset>
  );
}
