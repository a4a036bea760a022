import { useState } from 'react';
import { classHref } from './classLink';
import { QrCode } from './QrCode';

/** The students' join link and its QR code, big enough to scan from the back of a room; the instructor's own link kept out of sight. */
export function JoinPanel({ room, instructorKey }: { room: string; instructorKey: string }) {
  // The app's own address (its base resolved against the page: the build's base is './').
  const here = new URL(import.meta.env.BASE_URL, window.location.href).href;
  const studentLink = classHref(here, room, null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (text: string, what: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(`${what} copied.`),
      () => setCopied('Copying was not allowed here: select the link and copy it.'),
    );
  };
  const local = /^(localhost|127\.|\[::1\])/.test(window.location.hostname);
  return (
    <section className="panel class-join" aria-labelledby="class-join-title">
      <h2 id="class-join-title">Join the class</h2>
      <QrCode text={studentLink} size={240} label="QR code of the students' join link" />
      <p className="class-join__link">
        <a href={studentLink} data-testid="student-link">
          {studentLink}
        </a>
      </p>
      <button type="button" onClick={() => copy(studentLink, 'Student link')}>
        Copy the student link
      </button>
      {local && <p className="warning">Opened as {window.location.host}: students cannot reach this address. Open the network address that npm run classroom prints.</p>}
      <details>
        <summary>Instructor link (keep it private)</summary>
        <p>Opens this class with the right to change or close it, e.g. on another computer.</p>
        <button type="button" onClick={() => copy(classHref(here, room, instructorKey), 'Instructor link')}>
          Copy the instructor link
        </button>
      </details>
      <p role="status" className="muted">
        {copied}
      </p>
    </section>
  );
}
