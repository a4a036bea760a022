/**
 * What a projector needs of a page, measured in the browser: every piece of visible text (HTML and
 * SVG, vega's axis labels, titles and legends included) at least `minPx` px, nothing wider than the
 * screen, nothing cut off at its right edge, no empty box. Used by the instructor-mode journey
 * (e2e/shell.spec.ts) and by the on-demand screenshot script (scripts/screens/capture.ts).
 *
 * Canvas charts are not readable from the page: their font sizes are checked on their specs
 * (src/vis/classCharts.test.ts); here they are counted, so a chart moving to canvas is noticed.
 */
import type { Page } from '@playwright/test';

export interface ProjectorFit {
  /** Visible text under minPx, as drawn (SVG text scaled by its viewBox): "12px svg text 'Epoch'" (at most 20, smallest first). */
  readonly smallText: string[];
  /** How many visible text runs were measured (HTML text nodes and SVG text). */
  readonly measured: number;
  /** The smallest size seen, in px. */
  readonly smallest: number;
  /** document scrollWidth − clientWidth (> 0: the page scrolls sideways). */
  readonly overflowX: number;
  /** Visible text whose box ends right of the viewport, outside any scrolling region. */
  readonly offScreen: string[];
  /** Text cut short by its box (overflow hidden and scrollWidth > clientWidth, or ellipsis). */
  readonly clipped: string[];
  /** Bordered boxes (panels, figures, sections) with nothing visible inside. */
  readonly emptyBoxes: string[];
  /** Canvas charts on the view (their text is checked on the spec). */
  readonly canvasCharts: number;
}

/** Measures the page as it is now (call it once the view has drawn what it will draw). */
export async function measureProjectorFit(page: Page, minPx = 18): Promise<ProjectorFit> {
  // Run from tsx (the screenshot script), esbuild names inner functions through a `__name` helper
  // that the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate((min) => {
    const describe = (el: Element, text: string) => {
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} '${text.trim().replace(/\s+/g, ' ').slice(0, 40)}'`;
    };
    const visible = (el: Element) => {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    // Whether `el` sits inside a region that scrolls sideways on purpose (a wide table, a map strip).
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    // Visually hidden text for screen readers (1×1 px, clipped) is not on the screen.
    const srOnly = (el: Element) => {
      for (let p: Element | null = el; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)') return true;
        const r = p.getBoundingClientRect();
        if (r.width <= 1 && r.height <= 1 && s.overflow === 'hidden') return true;
      }
      return false;
    };
    const small: { size: number; what: string }[] = [];
    const offScreen: string[] = [];
    const clipped: string[] = [];
    let measured = 0;
    let smallest = Infinity;
    const viewportWidth = document.documentElement.clientWidth;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!text.trim()) continue;
      const el = node.parentElement;
      if (!el || seen.has(el)) continue;
      seen.add(el);
      if (el.closest('script, style, noscript, title, desc') || !visible(el) || srOnly(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      measured++;
      // SVG text is drawn at its font size times the scale of its viewBox (a diagram scaled to its box).
      const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
      const scale = ctm ? Math.sqrt(ctm.a * ctm.a + ctm.b * ctm.b) : 1;
      const size = Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10;
      smallest = Math.min(smallest, size);
      if (size < min) small.push({ size, what: `${size}px ${el instanceof SVGElement ? 'svg ' : ''}${describe(el, text)}` });
      if (rect.right > viewportWidth + 1 && !inScroller(el)) offScreen.push(`${describe(el, text)} ends at ${Math.round(rect.right)} px`);
    }
    // Text cut short: a box that hides overflow with its content wider than itself.
    for (const el of document.querySelectorAll('main *, header *, nav *, aside *')) {
      if (!(el instanceof HTMLElement) || !visible(el) || srOnly(el)) continue;
      const s = getComputedStyle(el);
      const hides = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
      if (!hides || !el.textContent?.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1) clipped.push(`${describe(el, el.textContent)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
    }
    // An empty box: a bordered or framed container on screen with no visible text, image, chart or control inside.
    const emptyBoxes: string[] = [];
    for (const el of document.querySelectorAll('main .panel, main section, main figure, main fieldset, main details')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 40) continue;
      const content = [...el.querySelectorAll('*')].some((c) => {
        if (!visible(c)) return false;
        if (c.matches('img, svg, canvas, input, select, textarea, button, video, [role="img"], progress')) return true;
        return [...c.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      });
      if (!content) emptyBoxes.push(`${describe(el, el.getAttribute('aria-label') ?? '')} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    small.sort((a, b) => a.size - b.size);
    return {
      smallText: small.slice(0, 20).map((s) => s.what),
      measured,
      smallest: Number.isFinite(smallest) ? smallest : 0,
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      offScreen: offScreen.slice(0, 10),
      clipped: clipped.slice(0, 10),
      emptyBoxes: emptyBoxes.slice(0, 10),
      canvasCharts: document.querySelectorAll('main canvas.marks').length,
    };
  }, minPx);
}
