/**
 * Just enough MIME to check what the SMTP server received (mailparser is not a dependency):
 * unfolded headers, multipart bodies split at their boundaries, and base64 or quoted-printable
 * content decoded to bytes.
 */

export interface MimePart {
  headers: Map<string, string>;
  /** The content type without parameters, lower case. */
  type: string;
  /** The filename of an attachment, if it has one. */
  filename?: string;
  /** Decoded content (leaf parts only). */
  content: Buffer;
  parts: MimePart[];
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const param = (value: string | undefined, name: string): string | undefined =>
  new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value ?? '')?.[1];

function decode(body: string, encoding: string | undefined): Buffer {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i]!, 'latin1'));
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'latin1');
}

/** Parse a message (or a part); `raw` is read as latin1 so every byte survives. */
export function parseMime(raw: Buffer | string): MimePart {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const filename = param(headers.get('content-disposition'), 'filename');
  const part: MimePart = { headers, type, content: Buffer.alloc(0), parts: [] };
  if (filename) part.filename = filename;
  const boundary = param(contentType, 'boundary');
  if (type.startsWith('multipart/') && boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      part.parts.push(parseMime(piece.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    }
  } else part.content = decode(body, headers.get('content-transfer-encoding'));
  return part;
}

/** Every leaf part, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}
