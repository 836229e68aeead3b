// A PDF's first page as a PNG, rendered by poppler-utils' pdftoppm (installed by .ci/run and
// named in docs/OPERATIONS.md): the document block shows it as the document's preview.
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import { promisify } from "node:util";
import { MediaError } from "../content/index.js";
import { PDF_PREVIEW_TIMEOUT_MS, PDF_PREVIEW_WIDTH } from "./limits.js";

const run = promisify(execFile);

/**
 * Renders page 1 of `pdf` to `<outPrefix>.png`, at most PDF_PREVIEW_WIDTH pixels on its longer
 * side (a page declaring an absurd size still renders small), and returns the PNG's path.
 * Throws MediaError 415 when the file is not a readable PDF (cut short, damaged, encrypted),
 * 422 when rendering took longer than PDF_PREVIEW_TIMEOUT_MS, and 503-worthy MH_IMAGE_FAILED
 * naming the package when pdftoppm is not installed.
 */
export async function renderPdfPreview(pdf: string, outPrefix: string): Promise<string> {
  try {
    await run(
      "pdftoppm",
      [
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        "-png",
        "-scale-to",
        String(PDF_PREVIEW_WIDTH),
        pdf,
        outPrefix,
      ],
      { timeout: PDF_PREVIEW_TIMEOUT_MS, maxBuffer: 64 * 1024, killSignal: "SIGKILL" },
    );
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { killed?: boolean; stderr?: string };
    if (e.code === "ENOENT")
      throw new MediaError(
        "MH_IMAGE_FAILED",
        "the server cannot render PDF previews: pdftoppm is missing (install Debian's poppler-utils)",
      );
    if (e.killed)
      throw new MediaError(
        "MH_IMAGE_FAILED",
        `rendering the PDF's first page took longer than ${PDF_PREVIEW_TIMEOUT_MS / 1000} s; nothing was stored`,
      );
    const detail = (e.stderr ?? "").split("\n").find((line) => line.trim() !== "") ?? "";
    throw new MediaError(
      "MH_UNSUPPORTED_MEDIA",
      `the file begins like a PDF but could not be read${detail ? ` (${detail.slice(0, 200)})` : ""}; nothing was stored`,
    );
  }
  const png = `${outPrefix}.png`;
  // pdftoppm exits 0 on some damaged files without writing a page.
  const written = await stat(png).catch(() => undefined);
  if (!written || written.size === 0)
    throw new MediaError(
      "MH_UNSUPPORTED_MEDIA",
      "the file begins like a PDF but has no page that could be rendered; nothing was stored",
    );
  return png;
}
