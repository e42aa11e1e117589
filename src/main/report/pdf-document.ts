/**
 * pdfmake 0.3 on Node: the bundled Roboto for text and PDF's built-in Courier for monospace, no
 * network and no file access beyond those fonts, a document definition in, a Buffer out.
 * pdfmake ships no types, so the few calls used are typed here.
 */
import { createRequire } from 'node:module';

/** A pdfmake content node (text, table, stack, columns, svg, …) as plain JSON. */
export type Content = string | Content[] | { [property: string]: unknown };

export interface DocDefinition {
  info: { title: string; author?: string; subject?: string; creator?: string; producer?: string; creationDate?: Date };
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  header?: (page: number, pages: number) => Content;
  footer?: (page: number, pages: number) => Content;
  /** Called per laid-out node; true moves the node to a new page (and lays the document out again). */
  pageBreakBefore?: (node: { headlineLevel?: number }, context: { getFollowingNodesOnPage(): unknown[] }) => boolean;
  content: Content[];
  styles: Record<string, Record<string, unknown>>;
  defaultStyle: Record<string, unknown>;
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: DocDefinition): { getBuffer(): Promise<Buffer> };
}

const requireHere = createRequire(import.meta.url);
let configured: PdfMake | undefined;

/** The monospace family name for `font:` in content nodes. */
export const MONOSPACE = 'Courier';

function pdfMake(): PdfMake {
  if (configured) return configured;
  const pdfmake = requireHere('pdfmake') as PdfMake;
  const roboto = (file: string): string => requireHere.resolve(`pdfmake/fonts/Roboto/${file}`);
  const fonts = {
    Roboto: { normal: roboto('Roboto-Regular.ttf'), bold: roboto('Roboto-Medium.ttf'), italics: roboto('Roboto-Italic.ttf'), bolditalics: roboto('Roboto-MediumItalic.ttf') },
    // PDF standard 14 fonts: named, not loaded from a file.
    [MONOSPACE]: { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique' },
  };
  const allowed = new Set(Object.values(fonts).flatMap((family) => Object.values(family)));
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  configured = pdfmake;
  return pdfmake;
}

/** Lays out and writes the document; resolves to the complete PDF file. */
export function renderPdf(definition: DocDefinition): Promise<Buffer> {
  return pdfMake().createPdf(definition).getBuffer();
}
