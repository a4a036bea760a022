import { useState, type DragEvent } from 'react';
import { SUPPORTED_FORMATS_TEXT } from '../../platform/imageInputChecks';

interface Props {
  /** A file chosen, dropped or pasted ('' as name for pasted images without one). */
  readonly onFile: (file: Blob, name: string) => void;
  /** Something that is not a file was dropped. */
  readonly onProblem: (message: string) => void;
  readonly busy: boolean;
}

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/bmp,.png,.jpg,.jpeg,.webp,.gif,.bmp';

/** File picker and drop zone (pasting is handled page-wide by the panel). */
export function UploadArea({ onFile, onProblem, busy }: Props) {
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = event.dataTransfer.files;
    if (files.length === 0) {
      onProblem(`Only files can be dropped here: drag a ${SUPPORTED_FORMATS_TEXT} image from your files, not text or a link.`);
      return;
    }
    onFile(files[0], files[0].name);
  };

  return (
    <div
      className={`upload-area${dragging ? ' upload-area--dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p>
        <strong>{dragging ? 'Drop the image to classify it' : 'Drop an image here'}</strong>, paste one (Ctrl+V), or
      </p>
      <label className="upload-area__button">
        Choose an image…
        <input
          type="file"
          accept={ACCEPT}
          className="visually-hidden"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file, file.name);
            event.target.value = ''; // choosing the same file again still reacts
          }}
        />
      </label>
      <p className="muted upload-area__hint">
        {SUPPORTED_FORMATS_TEXT} (first frame of an animated GIF). The image is read in this tab and never uploaded anywhere.
      </p>
    </div>
  );
}
