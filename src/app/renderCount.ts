/**
 * How often the root component has rendered: the benchmark reads it to check that training
 * progress re-renders only the views that read it, not the whole tree.
 */
let renders = 0;

export function countRootRender(): void {
  renders++;
}

export function rootRenders(): number {
  return renders;
}
