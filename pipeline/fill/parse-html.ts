/**
 * Read the filled HTML back as typed blocks for the PDF, so the PDF and the HTML are always the
 * same content. Only the elements the templates are meant to use are understood; anything else
 * is a located template error rather than silently lost text.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { PipelineError } from '../errors.ts';
import type { Block, Run } from '../types.ts';

type Style = Omit<Run, 'text'>;

const hasClass = (el: Element, name: string): boolean =>
  (el.attribs.class ?? '').split(/\s+/).includes(name);
const isElement = (node: ChildNode): node is Element => node.type === 'tag';
const children = (el: Element): Element[] => el.children.filter(isElement);

export class HtmlReader {
  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  fail(el: Element, what: string): never {
    const line = this.source.slice(0, el.startIndex ?? 0).split('\n').length;
    throw new PipelineError(
      'TEMPLATE_ELEMENT_UNSUPPORTED',
      `${what} (output line ${line})`,
      { file: this.file, line },
      'use the elements listed in templates/README.md',
    );
  }

  /** Inline content → runs, collapsing whitespace as a browser would. */
  runs(nodes: ChildNode[], style: Style = {}): Run[] {
    const out: Run[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.data.replace(/\s+/g, ' ');
        if (text) out.push({ text, ...style });
      } else if (isElement(node)) {
        if (hasClass(node, 'visually-hidden')) continue;
        const name = node.name;
        if (name === 'strong' || name === 'b')
          out.push(...this.runs(node.children, { ...style, bold: true }));
        else if (name === 'em' || name === 'i' || name === 'cite')
          out.push(...this.runs(node.children, { ...style, italic: true }));
        else if (name === 'a')
          out.push(
            ...this.runs(node.children, {
              ...style,
              href: node.attribs.href ?? '',
              ...(hasClass(node, 'cite') ? { cite: true } : {}),
              ...(hasClass(node, 'source-link') ? { plain: true } : {}),
              ...(node.attribs.title ? { title: node.attribs.title } : {}),
            }),
          );
        else if (name === 'span' || name === 'abbr' || name === 'time' || name === 'q')
          out.push(...this.runs(node.children, style));
        else this.fail(node, `<${name}> cannot appear inside text`);
      }
    }
    return out;
  }

  blocks(nodes: ChildNode[]): Block[] {
    return nodes.filter(isElement).flatMap((el) => this.block(el));
  }

  private block(el: Element): Block[] {
    switch (el.name) {
      case 'h1':
      case 'h2':
      case 'h3':
        return [
          {
            kind: 'heading',
            level: Number(el.name[1]) as 1 | 2 | 3,
            id: el.attribs.id ?? '',
            runs: trim(this.runs(el.children)),
          },
        ];
      case 'p': {
        const style =
          (['lead', 'small', 'kicker', 'meta', 'source'] as const).find((s) => hasClass(el, s)) ??
          'body';
        return [{ kind: 'paragraph', style, runs: trim(this.runs(el.children)) }];
      }
      case 'ul':
      case 'ol':
        return [this.list(el)];
      case 'table':
        return [this.table(el)];
      case 'figure':
        return [this.figure(el)];
      case 'aside':
        return [{ kind: 'box', id: el.attribs.id ?? '', blocks: this.blocks(el.children) }];
      case 'section':
      case 'header':
      case 'footer':
      case 'div':
      case 'nav':
        return this.blocks(el.children);
      default:
        return this.fail(el, `<${el.name}> is not a supported block element`);
    }
  }

  private list(el: Element): Block {
    if (hasClass(el, 'stats')) {
      const items = children(el).map((li) => {
        const [value, label] = children(li);
        if (!value || !label) this.fail(li, 'a stats item needs a value and a label');
        return { value: trim(this.runs(value.children)), label: trim(this.runs(label.children)) };
      });
      return { kind: 'stats', items };
    }
    const style = hasClass(el, 'sources')
      ? 'sources'
      : hasClass(el, 'notes')
        ? 'plain'
        : hasClass(el, 'small')
          ? 'small'
          : 'bullets';
    const items = children(el).map((li) => ({
      ...(li.attribs.id ? { id: li.attribs.id } : {}),
      runs: trim(this.runs(li.children)),
    }));
    return { kind: 'list', ordered: el.name === 'ol', style, items };
  }

  private table(el: Element): Block {
    const caption = children(el).find((c) => c.name === 'caption');
    const sections = children(el).filter((c) => c.name === 'thead' || c.name === 'tbody');
    const rowsOf = (name: string) =>
      sections
        .filter((s) => s.name === name)
        .flatMap((s) => children(s).filter((r) => r.name === 'tr'));
    const cells = (tr: Element) => children(tr).filter((c) => c.name === 'th' || c.name === 'td');
    const [headRow] = rowsOf('thead');
    if (!headRow) this.fail(el, 'a table needs a <thead> row');
    return {
      kind: 'table',
      caption: caption ? trim(this.runs(caption.children)) : [],
      header: cells(headRow).map((c) => trim(this.runs(c.children))),
      numeric: cells(headRow).map((c) => hasClass(c, 'num')),
      rows: rowsOf('tbody').map((tr) => cells(tr).map((c) => trim(this.runs(c.children)))),
    };
  }

  private figure(el: Element): Block {
    const caption = children(el).find((c) => c.name === 'figcaption');
    if (hasClass(el, 'quote')) {
      const quote = children(el).find((c) => c.name === 'blockquote');
      if (!quote || !caption) this.fail(el, 'a quotation needs <blockquote> and <figcaption>');
      return {
        kind: 'quote',
        paragraphs: children(quote).map((p) => trim(this.runs(p.children))),
        attribution: trim(this.runs(caption.children)),
      };
    }
    const chartId = el.attribs['data-chart'];
    const source = children(el).find((c) => c.name === 'p' && hasClass(c, 'source'));
    if (!chartId || !caption) this.fail(el, 'a chart figure needs data-chart and <figcaption>');
    return {
      kind: 'figure',
      chartId,
      title: trim(this.runs(caption.children)),
      sourceLine: source ? trim(this.runs(source.children)) : [],
    };
  }
}

/** Drop leading and trailing spaces of a run list, as HTML rendering does. */
function trim(runs: Run[]): Run[] {
  const out = runs.filter((r) => r.text !== '');
  if (out[0]) out[0] = { ...out[0], text: out[0].text.trimStart() };
  const last = out.at(-1);
  if (last) out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out.filter((r) => r.text !== '');
}

export function parseBlocks(html: string, file: string): Block[] {
  const doc = parseDocument(html, { withStartIndices: true });
  return new HtmlReader(file, html).blocks(doc.children);
}
