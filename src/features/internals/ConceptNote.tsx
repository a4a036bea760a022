import type { ReactNode } from 'react';
import { CONCEPTS, type ConceptName } from './concepts';

/** A concept's short explanation, an optional live reading of the current numbers, and "More". */
export function ConceptNote({ name, live }: { name: ConceptName; live?: ReactNode }) {
  const concept = CONCEPTS[name];
  return (
    <div className="concept">
      <p className="concept__summary">
        <strong>{concept.title}.</strong> {concept.summary}
      </p>
      {live && <p className="concept__live">{live}</p>}
      <details className="concept__more">
        <summary>Explain more: {concept.title}</summary>
        {concept.more.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </details>
    </div>
  );
}
