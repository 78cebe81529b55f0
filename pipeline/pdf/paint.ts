/**
 * Drawing on a tagged pdfkit document. Every mark on a page is either content of a structure
 * element (so screen readers get it in order) or an artifact (backgrounds, rules, page numbers).
 */
import type {} from 'pdfkit';
import type { Line } from './inline.ts';
import { setText } from './set-text.ts';

type Doc = PDFKit.PDFDocument;
export type Elem = PDFKit.PDFStructureElement;

const tagOf = (elem: Elem): string =>
  (elem as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S;

export class Painter {
  constructor(readonly doc: Doc) {}

  /** A child structure element; `scope` marks a table header cell as a column or row header. */
  struct(
    parent: Elem,
    type: string,
    options: PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column' } = {},
  ): Elem {
    const elem = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(elem);
    return elem;
  }

  /** Decoration that is not content: backgrounds and rules. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** Content that belongs to `elem`. */
  content(elem: Elem, draw: () => void): void {
    elem.add(this.doc.markStructureContent(tagOf(elem)));
    draw();
    this.doc.endMarkedContent();
  }

  rect(x: number, y: number, w: number, h: number, colour: string): void {
    this.artifact(() => this.doc.rect(x, y, w, h).fill(colour));
  }

  rule(x1: number, y: number, x2: number, colour: string, width = 0.75): void {
    this.artifact(() => this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).stroke(colour));
  }

  private text(frag: Line['frags'][number], x: number, baseline: number): void {
    setText(
      this.doc.font(frag.font).fontSize(frag.size).fillColor(frag.colour),
      frag.text,
      x + frag.x,
      baseline - frag.rise,
      frag.tnum ? ['tnum'] : undefined,
    );
  }

  /** One line of text inside `elem`, with links as Link elements carrying their annotations. */
  line(elem: Elem, line: Line, x: number, baseline: number): void {
    let plain: Line['frags'] = [];
    const flushPlain = () => {
      if (plain.length) this.content(elem, () => plain.forEach((f) => this.text(f, x, baseline)));
      plain = [];
    };
    for (const frag of line.frags) {
      if (!frag.href) {
        plain.push(frag);
        continue;
      }
      flushPlain();
      const link = this.struct(elem, 'Link');
      this.content(link, () => {
        this.text(frag, x, baseline);
        if (!frag.cite && !frag.plain)
          this.doc
            .moveTo(x + frag.x, baseline + 1.5)
            .lineTo(x + frag.x + frag.width, baseline + 1.5)
            .lineWidth(0.5)
            .stroke(frag.colour);
      });
      const box = [
        x + frag.x,
        baseline - frag.rise - frag.size * 0.8,
        frag.width,
        frag.size * 1.05,
      ] as const;
      const options = {
        structParent: link,
        Contents: new String(frag.title ?? (frag.cite ? `Source ${frag.text}` : frag.href)),
      } as unknown as PDFKit.Mixins.AnnotationOption;
      if (frag.href.startsWith('#')) this.doc.goTo(...box, frag.href.slice(1), options);
      else this.doc.link(...box, frag.href, options);
      link.end();
    }
    flushPlain();
  }
}
