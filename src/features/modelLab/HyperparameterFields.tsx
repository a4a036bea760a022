import { BackendPicker } from '../../components/BackendPicker';
import { INPUT_SCALING_HELP, INPUT_SCALING_LABELS, INPUT_SCALINGS, type InputScaling } from '../../ml/data/inputScaling';
import { checkNumeric, EARLY_STOPPING_CHOICES, NUMERIC_LIMITS, type EarlyStoppingChoice, type RunConfig } from '../../ml/config/runConfig';
import { OPTIMIZER_LABELS, OPTIMIZERS, type AugmentationSpec, type ModelSpec, type OptimizerName } from '../../ml/model/spec';
import { SCHEDULE_EXPLANATIONS, SCHEDULE_LABELS, SCHEDULES, type ScheduleName } from '../../ml/training/schedules';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { selectBusy } from '../../state/selectors';
import { AugmentationPreview } from './AugmentationPreview';
import { RecipeNumberField } from './RecipeNumberField';
import { SettingField } from './SettingField';
import { TrainingTricksFields } from './TrainingTricksFields';

type RunKey = 'epochs' | 'batchSize' | 'validationSplit' | 'trainSize' | 'testSize' | 'seed';
const RUN_FIELDS: { key: RunKey; step: number; hint?: string }[] = [
  { key: 'epochs', step: 1 },
  { key: 'batchSize', step: 1 },
  { key: 'validationSplit', step: 0.05 },
  { key: 'trainSize', step: 1000 },
  { key: 'testSize', step: 1000 },
  { key: 'seed', step: 1, hint: 'Same seed + same settings = same curves on the same backend.' },
];

const MONITOR_LABELS: Record<EarlyStoppingChoice, string> = {
  off: 'Off (train every epoch)',
  val_loss: 'Validation loss',
  val_accuracy: 'Validation accuracy',
  loss: 'Training loss',
  accuracy: 'Training accuracy',
};

/** Every training hyperparameter, grouped; all locked during a run except the learning rate. */
export function HyperparameterFields({ reporter }: { reporter: (key: string) => (problem: string | null) => void }) {
  const config = useAppSelector((s) => s.config);
  const spec = useAppSelector((s) => s.modelSpec);
  const busy = useAppSelector(selectBusy);
  const store = useAppStore();
  const setSpec = (patch: Partial<ModelSpec>) => store.setModelSpec({ ...store.getState().modelSpec, ...patch });
  const setAugmentation = (patch: Partial<AugmentationSpec>) => setSpec({ augmentation: { ...store.getState().modelSpec.augmentation, ...patch } });
  const setConfig = (patch: Partial<RunConfig>) => store.setConfig(patch);
  return (
    <div className="hyperparameters">
      <fieldset className="setting-group">
        <legend>Run</legend>
        <div className="fields">
          {RUN_FIELDS.map(({ key, step, hint }) => {
            const limits = NUMERIC_LIMITS[key];
            return (
              <SettingField
                key={key}
                label={limits.label}
                value={config[key]}
                step={step}
                min={limits.min}
                max={limits.max}
                hint={hint}
                disabled={busy}
                validate={(v) => checkNumeric(key, v)}
                onCommit={(v) => setConfig({ [key]: v } as Partial<RunConfig>)}
                onValidity={reporter(key)}
              />
            );
          })}
          <div className="field">
            <label htmlFor="input-scaling-choice">Input scaling</label>
            <select
              id="input-scaling-choice"
              aria-describedby="input-scaling-choice-hint"
              value={spec.inputScaling}
              disabled={busy}
              onChange={(e) => setSpec({ inputScaling: e.target.value as InputScaling })}
            >
              {INPUT_SCALINGS.map((s) => (
                <option key={s} value={s}>
                  {INPUT_SCALING_LABELS[s]}
                </option>
              ))}
            </select>
            <span id="input-scaling-choice-hint" className="field__hint">
              {INPUT_SCALING_HELP}
            </span>
          </div>
          <BackendPicker />
        </div>
      </fieldset>

      <fieldset className="setting-group">
        <legend>Optimizer</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="optimizer-choice">Optimizer</label>
            <select id="optimizer-choice" value={spec.optimizer} disabled={busy} onChange={(e) => setSpec({ optimizer: e.target.value as OptimizerName })}>
              {OPTIMIZERS.map((o) => (
                <option key={o} value={o}>
                  {OPTIMIZER_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <RecipeNumberField
            name="learningRate"
            value={spec.learningRate}
            step={0.0005}
            hint={busy ? 'Changes apply from the next batch and are marked on the curves.' : undefined}
            commitOnEnter={busy}
            onCommit={(learningRate) => setSpec({ learningRate })}
            reporter={reporter}
          />
          <div className="field">
            <label htmlFor="schedule-choice">Learning-rate schedule</label>
            <select id="schedule-choice" aria-describedby="schedule-choice-hint" value={spec.schedule} disabled={busy} onChange={(e) => setSpec({ schedule: e.target.value as ScheduleName })}>
              {SCHEDULES.map((s) => (
                <option key={s} value={s} title={SCHEDULE_EXPLANATIONS[s]}>
                  {SCHEDULE_LABELS[s]}
                </option>
              ))}
            </select>
            <span id="schedule-choice-hint" className="field__hint">
              {SCHEDULE_EXPLANATIONS[spec.schedule]}
              {spec.schedule !== 'constant' && ' The learning rate above is the peak; changing it during a run scales the rest of the schedule.'}
            </span>
          </div>
          <RecipeNumberField
            name="l2"
            value={spec.l2}
            step={0.0001}
            hint="λ in λ·Σw² over conv and dense kernels; 0 = off."
            disabled={busy}
            onCommit={(l2) => setSpec({ l2 })}
            reporter={reporter}
          />
        </div>
      </fieldset>

      <TrainingTricksFields spec={spec} busy={busy} setSpec={setSpec} reporter={reporter} />

      <fieldset className="setting-group">
        <legend>Early stopping</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="early-stopping-monitor">Stop when this stops improving</label>
            <select
              id="early-stopping-monitor"
              value={config.earlyStopping}
              disabled={busy}
              onChange={(e) => setConfig({ earlyStopping: e.target.value as EarlyStoppingChoice })}
            >
              {EARLY_STOPPING_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {MONITOR_LABELS[m]}
                </option>
              ))}
            </select>
          </div>
          <SettingField
            label={NUMERIC_LIMITS.patience.label}
            value={config.patience}
            step={1}
            min={1}
            disabled={busy || config.earlyStopping === 'off'}
            validate={(v) => checkNumeric('patience', v)}
            onCommit={(patience) => setConfig({ patience })}
            onValidity={reporter('patience')}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={config.restoreBestWeights}
              disabled={busy || config.earlyStopping === 'off'}
              onChange={(e) => setConfig({ restoreBestWeights: e.target.checked })}
            />
            Restore best weights
          </label>
        </div>
      </fieldset>

      <fieldset className="setting-group setting-group--augmentation">
        <legend>Data augmentation</legend>
        <div className="augmentation-row">
          <div className="fields">
            <RecipeNumberField name="shift" value={spec.augmentation.shift} step={1} disabled={busy} onCommit={(shift) => setAugmentation({ shift })} reporter={reporter} />
            <RecipeNumberField name="erase" value={spec.augmentation.erase} step={0.1} disabled={busy} onCommit={(erase) => setAugmentation({ erase })} reporter={reporter} />
            <label className="checkbox">
              <input type="checkbox" checked={spec.augmentation.flip} disabled={busy} onChange={(e) => setAugmentation({ flip: e.target.checked })} />
              Horizontal flip
            </label>
          </div>
          <AugmentationPreview augmentation={spec.augmentation} seed={config.seed} />
        </div>
      </fieldset>
    </div>
  );
}
