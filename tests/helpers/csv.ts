/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i++;
    } else if (c === '"' || c === "\r" || c === "\n") {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("last record without CRLF");
  return rows;
}
