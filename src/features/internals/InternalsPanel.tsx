import { useEffect, useMemo, useRef, useState } from 'react';
import { CLASS_NAMES } from '../../ml/constants';
import type { AttentionMethod } from '../../ml/internals/attention';
import type { InternalsRequest } from '../../ml/internals/snapshot';
import { useAppSelector, useAppStore } from '../../state/hooks';
import { withInstructor } from '../../address/instructorParam';
import { AttentionView } from './AttentionView';
import { ConfusionReading } from './ConfusionReading';
import { GeneralisationNote } from './GeneralisationNote';
import { InputPicker, type InputSource } from './InputPicker';
import { InputStage } from './InputStage';
import { LayerStage } from './LayerStage';
import { LIVE_INTERVAL_MS, useInternalsSnapshot } from './useInternalsSnapshot';
import './internals.css';

const className = (i: number) => CLASS_NAMES[i] ?? `Class ${i}`;

/** "Inside the CNN": every layer's live activations for one image, what the network looks at, and the concepts. */
export function InternalsPanel() {
  const store = useAppStore();
  const instructor = useAppSelector((s) => s.ui.instructor);
  const open = useAppSelector((s) => s.ui.internalsOpen);
  const external = useAppSelector((s) => s.ui.internalsInput);
  const testAvailable = useAppSelector((s) => s.data.testAvailable);
  const backendReady = useAppSelector((s) => s.backend.status === 'ready');
  const modelInfo = useAppSelector((s) => s.model);
  const epochHistory = useAppSelector((s) => s.training.epochHistory);
  const modelSpec = useAppSelector((s) => s.modelSpec);
  const config = useAppSelector((s) => s.config);
  const finalEvaluation = useAppSelector((s) => s.evaluation.final);
  const [source, setSource] = useState<InputSource>({ kind: 'test', index: 0 });
  const [attentionClass, setAttentionClass] = useState<number | null>(null);
  const [method, setMethod] = useState<AttentionMethod>('grad-cam');
  const [live, setLive] = useState(true);
  const [perMapRange, setPerMapRange] = useState(false);
  const [deepFilters, setDeepFilters] = useState<readonly string[]>([]);
  const [channels, setChannels] = useState<Record<number, number>>({});
  const timing = useRef<HTMLSpanElement>(null);

  // An image sent from another panel (e.g. a drawing) takes over until the user picks a test image.
  const externalRevision = external?.revision ?? 0;
  const [seenRevision, setSeenRevision] = useState(0);
  if (externalRevision !== seenRevision) {
    setSeenRevision(externalRevision);
    if (external) setSource({ kind: 'external' });
  }
  // ...and brings this panel into view, with focus on its heading for keyboard and screen-reader users.
  const heading = useRef<HTMLHeadingElement>(null);
  const reveal = external?.reveal ?? false;
  useEffect(() => {
    if (externalRevision === 0 || !reveal) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [externalRevision, reveal]);

  const data = useAppSelector((s) => s.dataset);
  const model = modelInfo.ready ? modelInfo : null;
  const convNames = useMemo(() => modelInfo.layers.filter((l) => l.kind === 'conv').map((l) => l.name), [modelInfo.layers]);
  const filterLayers = useMemo(() => convNames.filter((name, i) => i === 0 || deepFilters.includes(name)), [convNames, deepFilters]);

  const testIndex = source.kind === 'test' && source.index < testAvailable ? source.index : null;
  const pixels = source.kind === 'external' ? (external?.pixels ?? null) : testIndex !== null && data ? data.test.image(testIndex) : null;
  const trueClass = testIndex !== null && data ? data.test.labels[testIndex] : null;
  const imageLabel = source.kind === 'external' ? (external?.label ?? '') : testIndex !== null ? `Test image ${testIndex}: ${className(trueClass ?? 0)}` : '';
  // Rebuilt every render (cheap); the hook reads the latest and recomputes when requestKey changes.
  const request: InternalsRequest | null = pixels ? { pixels, attentionClass, attentionMethod: method, filterLayers } : null;
  const requestKey = `${source.kind}:${testIndex}:${externalRevision}:${attentionClass}:${method}:${filterLayers.join(',')}`;
  const { result, error, refresh } = useInternalsSnapshot(request, requestKey, live, open, ({ computeMs, drawMs }) => {
    // Written straight to the DOM: a state update here would redraw every view once more.
    if (timing.current) timing.current.textContent = `Last update: computed in ${Math.round(computeMs)} ms, drawn in ${Math.round(drawMs)} ms.`;
  });

  const snapshot = result?.snapshot;
  const layers = snapshot?.activations.layers ?? [];
  const channelKey = (i: number) => (layers[i + 1] && (layers[i + 1].layer.kind === 'maxPool' || layers[i + 1].layer.kind === 'avgPool') ? i + 1 : i);
  const firstConv = layers.findIndex((l) => l.layer.kind === 'conv');
  const probabilities = layers.length ? layers[layers.length - 1].values : null;
  const predicted = snapshot?.predicted ?? 0;
  const instructorHref = typeof window === 'undefined' ? '?instructor=1' : withInstructor(window.location.href, true);

  return (
    <section className="panel panel--wide internals" aria-labelledby="internals-heading">
      <div className="internals__header">
        <h2 id="internals-heading" tabIndex={-1} ref={heading}>
          Inside the CNN
        </h2>
        <button type="button" className={open ? undefined : 'primary'} aria-expanded={open} aria-controls="internals-body" onClick={() => store.setInternalsOpen(!open)}>
          {open ? 'Hide the internals' : 'Open the internals'}
        </button>
        {!instructor && (
          <a className="internals__instructor-link" href={instructorHref}>
            Instructor mode (projector layout, keyboard shortcuts)
          </a>
        )}
      </div>
      <p className="muted">
        Follow one image through every layer of the network you are training: the filters, the feature maps before and after ReLU and pooling, the class
        scores and probabilities, and where the network looks. It updates live while the network trains.
      </p>
      {open && (
        <div id="internals-body">
          <div className="internals__toolbar">
            <InputPicker test={data?.test ?? null} available={testAvailable} source={source} onChange={setSource} external={external} />
            <div className="internals__options">
              <label>
                <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Update live while training (every {LIVE_INTERVAL_MS / 1000} s)
              </label>
              <label>
                <input type="checkbox" checked={perMapRange} onChange={(e) => setPerMapRange(e.target.checked)} /> Colour each map by its own range
              </label>
              <button type="button" onClick={refresh}>
                Refresh now
              </button>
              <span className="muted internals__timing" ref={timing} />
            </div>
          </div>
          {error && (
            <p className="error" role="alert">
              Could not look inside the network: {error}
            </p>
          )}
          {!model && (
            <p className="muted">{backendReady ? 'No network is built yet: see the Model panel.' : 'Waiting for TensorFlow.js to start…'}</p>
          )}
          {snapshot && probabilities && (
            <>
              <p className="internals__verdict" role="status" aria-label="Internals prediction">
                The network says <strong>{className(predicted)}</strong> ({(probabilities[predicted] * 100).toFixed(1)}%)
                {trueClass !== null && (
                  <>
                    {' '}
                    · true class <strong>{className(trueClass)}</strong> · {trueClass === predicted ? 'correct ✓' : 'wrong ✗'}
                  </>
                )}
                <span className="muted">
                  {' '}
                  ·{' '}
                  {result.batchesSeen > 0
                    ? `after ${result.batchesSeen.toLocaleString('en')} training batches`
                    : (result.loadedModel ?? 'an untrained network (random weights)')}
                </span>
              </p>
              <ol className="stages" aria-label="Layers of the network">
                <li>
                  <InputStage input={snapshot.activations.input} shape={snapshot.activations.inputShape} label={imageLabel} />
                </li>
                {layers.map((activation, i) => (
                  <li key={activation.layer.name}>
                    <LayerStage
                      position={i + 1}
                      activation={activation}
                      input={i === 0 ? { values: snapshot.activations.input, shape: snapshot.activations.inputShape } : { values: layers[i - 1].values, shape: layers[i - 1].layer.outputShape }}
                      isFirstConv={i === firstConv}
                      isLast={i === layers.length - 1}
                      filters={snapshot.filters.find((f) => f.layerName === activation.layer.name) ?? null}
                      filtersRequested={deepFilters.includes(activation.layer.name)}
                      onToggleFilters={() =>
                        setDeepFilters((names) => (names.includes(activation.layer.name) ? names.filter((n) => n !== activation.layer.name) : [...names, activation.layer.name]))
                      }
                      perMapRange={perMapRange}
                      channel={channels[channelKey(i)] ?? 0}
                      onChannelChange={(c) => setChannels((all) => ({ ...all, [channelKey(i)]: c }))}
                      trueClass={trueClass}
                    />
                  </li>
                ))}
              </ol>
              <section className="stage" aria-labelledby="attention-heading">
                <h3 id="attention-heading">What the network looks at</h3>
                <AttentionView
                  input={snapshot.activations.input}
                  attention={snapshot.attention}
                  predicted={predicted}
                  chosenClass={attentionClass}
                  onClassChange={setAttentionClass}
                  method={method}
                  onMethodChange={setMethod}
                />
              </section>
            </>
          )}
          {open && !snapshot && !error && model && <p className="muted">{pixels ? 'Looking inside…' : 'Pick an image to look inside.'}</p>}
          <section className="stage" aria-labelledby="overfitting-heading">
            <h3 id="overfitting-heading">Is the network overfitting?</h3>
            <GeneralisationNote history={epochHistory} spec={modelSpec} config={config} />
          </section>
          <section className="stage" aria-labelledby="confusion-reading-heading">
            <h3 id="confusion-reading-heading">Reading the confusion matrix</h3>
            <ConfusionReading evaluation={finalEvaluation} labels={data.test.labels} />
          </section>
        </div>
      )}
    </section>
  );
}
