/**
 * Real .docx files built in the test: a ZIP (deflated, as Word writes them) holding the few
 * parts a Word document needs — content types, the package relationships, the document body,
 * its relationships (hyperlinks, numbering) and a bullet-list numbering definition. Built here
 * rather than committed as binary fixtures so each test shows the Word XML it imports.
 */
import zlib from "node:zlib";

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/** A ZIP archive of `entries`, each deflated, with a correct central directory. */
export function zip(entries: ZipEntry[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const packed = zlib.deflateRawSync(raw);
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]));
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A run of text, optionally bold and/or italic. */
export function run(text: string, format: { bold?: boolean; italic?: boolean } = {}): string {
  const props = `${format.bold ? "<w:b/>" : ""}${format.italic ? "<w:i/>" : ""}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

/** A paragraph of runs, in a Word style ("Heading1", "Title"…) or a bullet list. */
export function paragraph(runs: string, options: { style?: string; bullet?: boolean } = {}) {
  const style = options.style ? `<w:pStyle w:val="${options.style}"/>` : "";
  const bullet = options.bullet ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : "";
  const props = style || bullet ? `<w:pPr>${style}${bullet}</w:pPr>` : "";
  return `<w:p>${props}${runs}</w:p>`;
}

/** A hyperlink around a run; `target` is written into the document as it is. */
export function hyperlink(id: string, text: string): string {
  return `<w:hyperlink r:id="${id}">${run(text)}</w:hyperlink>`;
}

/** A .docx whose body is `paragraphs`, with hyperlinks `links` (relationship id → URL). */
export function buildDocx(
  paragraphs: string[],
  links: Record<string, string> = {},
): Uint8Array<ArrayBuffer> {
  const linkRels = Object.entries(links)
    .map(
      ([id, target]) =>
        `<Relationship Id="${id}" Type="${R}/hyperlink" Target="${escapeXml(target)}" TargetMode="External"/>`,
    )
    .join("");
  return zip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: "word/_rels/document.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PR}"><Relationship Id="rNum" Type="${R}/numbering" Target="numbering.xml"/>${linkRels}</Relationships>`,
    },
    {
      name: "word/numbering.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    },
    {
      name: "word/document.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${paragraphs.join("")}</w:body></w:document>`,
    },
  ]);
}

/**
 * A hostile upload (a decompression bomb): a small .docx whose body unpacks to about
 * `unpackedBytes` of tiny paragraphs, each holding `text`. It compresses ~1000:1 (30 MB of XML
 * is a ~90 KB file), stays under the unpacked-size limit, and kept mammoth busy for a minute.
 */
export function hostileDocx(unpackedBytes = 30 * 1024 * 1024, text = "a"): Uint8Array<ArrayBuffer> {
  const one = paragraph(run(text));
  return buildDocx(Array.from({ length: Math.floor(unpackedBytes / one.length) }, () => one));
}
