import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** A page's content stream: its bytes and any extra dictionary entries (a /Filter). */
export interface PageContent {
  data: Buffer;
  dictionary?: string;
}

/** A PDF with these pages, each drawn in Helvetica; written by hand, as a hostile caller would. */
export function pdfOf(pages: readonly PageContent[]): Buffer {
  const count = pages.length;
  const pageIds = pages.map((_, index) => 4 + index * 2);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${count} >>`, 'latin1'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', 'latin1'),
  ];
  pages.forEach((page, index) => {
    const contentId = pageIds[index] + 1;
    objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`, 'latin1'));
    objects.push(
      Buffer.concat([Buffer.from(`<< /Length ${page.data.length} ${page.dictionary ?? ''} >>\nstream\n`, 'latin1'), page.data, Buffer.from('\nendstream', 'latin1')]),
    );
  });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, 'latin1'), object, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  });
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) trailer += `${String(offset).padStart(10, '0')} 00000 n \n`;
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(trailer, 'latin1'));
  return Buffer.concat(parts);
}

/** Lines of text, one page's worth, as a content stream. */
export function textPage(lines: readonly string[]): PageContent {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  return { data: Buffer.from(['BT', '/F1 11 Tf', '14 TL', '72 760 Td', ...lines.map((line) => `(${escape(line)}) Tj T*`), 'ET'].join('\n'), 'latin1') };
}

/** The review's first PDF: thousands of small pages. */
export function manyPages(count: number): Buffer {
  return pdfOf(Array.from({ length: count }, (_, index) => textPage([`Page ${index + 1}`])));
}

/**
 * The review's second PDF: a content stream compressed twice, a few kilobytes that expand to
 * `gigabytes` GB of spaces. The inner stream repeats one compressed megabyte rather than
 * compressing gigabytes here (its checksum is not computed: nothing should get that far).
 */
export function compressedStreamBomb(gigabytes: number): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_SYNC_FLUSH });
  const blocks = Array.from({ length: gigabytes * 1024 }, () => megabyte);
  const inner = Buffer.concat([Buffer.from([0x78, 0x9c]), ...blocks, Buffer.from([0x03, 0x00, 0, 0, 0, 0])]);
  return pdfOf([textPage(['Summary']), { data: deflateSync(inner, { level: 9 }), dictionary: '/Filter [/FlateDecode /FlateDecode]' }]);
}
