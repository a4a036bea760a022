import type { DrawingHistory } from '../../state/drawing';
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeImageFile, ImageInputError, type DecodedImage } from '../../platform/imageFileDecoder';
import { FORMAT_LABELS } from '../../platform/imageSniffer';
import { useAppSelector, useAppStore } from '../../state/hooks';
import './classify.css';
import { DrawingPad } from './DrawingPad';
import { adviseOnInput, isBlank, topPrediction, type InputSource } from './inputAdvice';
import { ModelInputPreview } from './ModelInputPreview';
import { ModelNotice } from './ModelNotice';
import { PredictionResult } from './PredictionResult';
import { PreprocessSteps } from './PreprocessSteps';
import { UploadArea } from './UploadArea';
import { useClassification } from './useClassification';

type UploadState =
  | { readonly status: 'none' }
  | { readonly status: 'reading'; readonly name: string }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly name: string; readonly image: DecodedImage };

const TABS: readonly { id: InputSource; label: string }[] = [
  { id: 'drawing', label: 'Draw' },
  { id: 'upload', label: 'Upload a photo' },
];

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function describeUpload(name: string, image: DecodedImage): string {
  const { originalSize: o, raster: r } = image;
  const kb = Math.max(1, Math.round(image.byteLength / 1024)).toLocaleString('en-US');
  const scaled = r.width !== o.width || r.height !== o.height ? `, scaled down to ${r.width}×${r.height} in this tab` : '';
  return `${name || 'Pasted image'}: ${FORMAT_LABELS[image.format]}, ${o.width}×${o.height} pixels, ${kb} kB${scaled}.`;
}

/** Draw or upload a clothing item, watch it become a 28×28 image, and see what the CNN predicts. */
export function ClassifyPanel() {
  const store = useAppStore();
  const [source, setSource] = useState<InputSource>('drawing');
  const [drawing, setDrawing] = useState<ImageData | null>(null);
  // The strokes live in the store: a drawing is still there after a visit to another view.
  const drawingHistory = useAppSelector((s) => s.ui.drawing);
  const setDrawingHistory = useCallback((history: DrawingHistory) => store.setDrawing(history), [store]);
  const [upload, setUpload] = useState<UploadState>({ status: 'none' });
  // Once a drawing is sent to the internals view, that view follows it as it changes.
  const [followDrawing, setFollowDrawing] = useState(false);
  const decodeCount = useRef(0);

  const readFile = useCallback(async (file: Blob, name: string) => {
    const id = ++decodeCount.current;
    setSource('upload');
    setUpload({ status: 'reading', name });
    try {
      const image = await decodeImageFile(file, name);
      if (id === decodeCount.current) setUpload({ status: 'ready', name, image });
    } catch (error) {
      if (id !== decodeCount.current) return;
      const message = error instanceof ImageInputError ? error.message : `“${name}” could not be read: ${(error as Error).message}`;
      setUpload({ status: 'error', message });
    }
  }, []);

  // Paste anywhere on the page: an image on the clipboard is classified; text in a field is left alone.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = event.clipboardData?.files[0];
      if (file) {
        event.preventDefault();
        void readFile(file, file.name);
      } else if (source === 'upload' && !isEditable(event.target)) {
        setUpload({ status: 'error', message: 'The clipboard holds no image (only text?). Copy an image, for example with right-click → Copy image, and paste again.' });
      }
    };
    // A file dropped anywhere else would make the browser open it in place of the page
    // (losing a training run): classify it instead. The drop zone's own handler runs first.
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (event.defaultPrevented || !file) return;
      event.preventDefault();
      void readFile(file, file.name);
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [readFile, source]);

  const raster = source === 'drawing' ? drawing : upload.status === 'ready' ? upload.image.raster : null;
  const { result, prediction, error } = useClassification(raster);
  const advice = result ? adviseOnInput(result, source) : [];
  const blank = !result || isBlank(result);

  const placeholder =
    error ??
    (source === 'drawing'
      ? 'Draw a clothing item to see what the model thinks it is.'
      : upload.status === 'reading'
        ? 'Reading the image…'
        : upload.status === 'error'
          ? 'No prediction: see the message about the file.'
          : blank && upload.status === 'ready'
            ? 'No prediction: there is no item in this image.'
            : 'Choose, drop or paste an image to see what the model thinks it is.');
  const showAdvice = source === 'upload' || drawing !== null;

  const followedPixels = followDrawing && source === 'drawing' && result && !blank ? result.pixels : null;
  const sentPixels = useRef<Uint8Array | null>(null);
  useEffect(() => {
    // Skips the image the button just sent (a second send would cancel its scroll into view).
    if (!followedPixels || followedPixels === sentPixels.current) return;
    sentPixels.current = followedPixels;
    store.setInternalsInput(followedPixels, 'Your drawing', { reveal: false });
  }, [followedPixels, store]);
  const lookInside = () => {
    if (!result) return;
    sentPixels.current = result.pixels;
    setFollowDrawing(source === 'drawing');
    store.setInternalsInput(result.pixels, source === 'drawing' ? 'Your drawing' : `Your image${upload.status === 'ready' && upload.name ? ` “${upload.name}”` : ''}`);
  };

  return (
    <section className="panel panel--wide classify" aria-labelledby="classify-heading">
      <h2 id="classify-heading">Classify your own</h2>
      <p className="muted classify__intro">
        Draw a clothing item or upload a photo of one. It is turned into a 28×28 image like the Fashion-MNIST ones (step by step below), and the CNN says what it sees.
      </p>
      <ModelNotice />
      <div className="classify__grid">
        <div className="classify__input">
          <div role="tablist" aria-label="Input" className="classify__tabs">
            {TABS.map((tab) => (
              <button
                key={tab.id}
                type="button"
                role="tab"
                id={`classify-tab-${tab.id}`}
                aria-selected={source === tab.id}
                aria-controls={`classify-tabpanel-${tab.id}`}
                onClick={() => setSource(tab.id)}
              >
                {tab.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="classify-tabpanel-drawing" aria-labelledby="classify-tab-drawing" hidden={source !== 'drawing'}>
            <DrawingPad onChange={setDrawing} history={drawingHistory} onHistoryChange={setDrawingHistory} />
          </div>
          <div role="tabpanel" id="classify-tabpanel-upload" aria-labelledby="classify-tab-upload" hidden={source !== 'upload'}>
            <UploadArea onFile={(file, name) => void readFile(file, name)} onProblem={(message) => setUpload({ status: 'error', message })} busy={upload.status === 'reading'} />
            {upload.status === 'reading' && (
              <p className="muted" role="status">
                Reading {upload.name ? `“${upload.name}”` : 'the pasted image'}…
              </p>
            )}
            {upload.status === 'error' && (
              <p className="error" role="alert">
                {upload.message}
              </p>
            )}
            {upload.status === 'ready' && <p className="muted classify__file">{describeUpload(upload.name, upload.image)}</p>}
          </div>
        </div>
        <div className="classify__view">
          {raster && result ? (
            <ModelInputPreview
              original={raster}
              originalLabel={source === 'drawing' ? 'Your drawing' : `Your image ${upload.status === 'ready' ? upload.name : ''}`}
              pixels={result.pixels}
              predicted={prediction && !blank ? topPrediction(prediction.probabilities).classIndex : null}
            />
          ) : (
            <p className="muted classify__empty-view">The original and the 28×28 image the model sees appear here.</p>
          )}
        </div>
        <div className="classify__result">
          <PredictionResult
            probabilities={!blank && prediction ? prediction.probabilities : null}
            inputAdvice={showAdvice ? advice : []}
            placeholder={placeholder}
          />
          {result && !blank && (
            <p className="classify__inside">
              <button type="button" onClick={lookInside}>
                Look inside the CNN with this image
              </button>
              {followDrawing && source === 'drawing' && <span className="muted"> The internals view follows your drawing as you change it.</span>}
            </p>
          )}
        </div>
      </div>
      {raster && result && <PreprocessSteps original={raster} result={result} />}
    </section>
  );
}
