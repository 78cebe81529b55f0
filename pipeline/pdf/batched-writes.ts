/**
 * pdfkit writes a PDF one operator or one line at a time, and turns each string into bytes as it
 * goes (a JavaScript loop per character) and pushes each line of the file through its output
 * stream. A two-page briefing is thousands of such writes. Here the strings are kept as they
 * come and turned into bytes once, with Node's own Latin-1 encoder (which, like pdfkit, keeps the
 * low byte of each character), just before they are needed: when a stream object is finished,
 * when bytes are written between strings, or when the file's next chunk is pushed out. The bytes
 * of the file are exactly pdfkit's (test/pdf/batched-writes.test.ts compares them).
 *
 * This reaches into two pdfkit internals, `PDFReference.write/finalize` and
 * `PDFDocument._write`, which have kept their shape across pdfkit 0.13–0.17.
 */
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';

interface Reference {
  write(chunk: unknown): void;
  finalize(): void;
  compress: boolean;
  buffer: Uint8Array[];
  /** Strings written and not yet turned into bytes (ours). */
  pendingText?: string;
}

interface DocumentInternals {
  _write(data: unknown): void;
  _offset: number;
  _root: Reference;
  push(chunk: unknown): boolean;
  /** Lines of the file written and not yet pushed out (ours). */
  pendingText?: string;
}

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

const patched = new WeakSet<object>();

/**
 * Make every document of this pdfkit class (and its object streams) write in batches. With
 * `deflateLevel`, streams pdfkit would deflate at zlib's default level (6) are deflated at that
 * level instead (the only change to the bytes).
 */
export function batchWrites(
  PDFDocument: new (options?: object) => unknown,
  { deflateLevel }: { deflateLevel?: number } = {},
): void {
  if (patched.has(PDFDocument)) return;
  patched.add(PDFDocument);

  // PDFReference is not exported: take its prototype from a document's root object.
  const probe = new PDFDocument({ autoFirstPage: false }) as DocumentInternals;
  const reference = Object.getPrototypeOf(probe._root) as Reference;
  const { write, finalize } = reference;
  const flushReference = (ref: Reference) => {
    if (ref.pendingText) {
      const text = ref.pendingText;
      ref.pendingText = '';
      write.call(ref, bytes(text));
    }
  };
  reference.write = function (this: Reference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      flushReference(this);
      write.call(this, chunk);
    } else this.pendingText = `${this.pendingText ?? ''}${String(chunk)}\n`;
  };
  reference.finalize = function (this: Reference) {
    flushReference(this);
    if (deflateLevel !== undefined && this.compress && this.buffer.length) {
      // Deflated here, and pdfkit told the stream needs no more (its Filter is already set).
      this.buffer = [deflateSync(Buffer.concat(this.buffer), { level: deflateLevel })];
      this.compress = false;
    }
    finalize.call(this);
  };

  const documentProto = (PDFDocument as unknown as { prototype: DocumentInternals }).prototype;
  const push = Readable.prototype.push;
  documentProto._write = function (this: DocumentInternals, data: unknown) {
    if (data instanceof Uint8Array) {
      this.push(data);
      this._offset += data.length;
    } else {
      const line = `${String(data)}\n`;
      this.pendingText = (this.pendingText ?? '') + line;
      this._offset += line.length;
    }
  };
  // Anything pushed out (bytes, or the end of the file) goes after the lines still pending.
  documentProto.push = function (this: DocumentInternals, chunk: unknown) {
    if (this.pendingText) {
      const text = this.pendingText;
      this.pendingText = '';
      push.call(this, bytes(text));
    }
    return push.call(this, chunk);
  };
}
