/** Plain-text tables for the admin CLIs: columns padded to their widest cell, long cells cut. */

export interface TableColumn {
  title: string;
  /** Cells longer than this are cut with "…". */
  maxWidth?: number;
  align?: "left" | "right";
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(max - 1, 0))}…` : text);

export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) =>
    columns.map((column, i) => cut((row[i] ?? "").replace(/\s+/g, " "), column.maxWidth ?? 60)),
  );
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (columns[i]?.align === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
