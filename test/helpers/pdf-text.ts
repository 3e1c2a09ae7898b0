import { extractText, getDocumentProxy } from 'unpdf';

/** The text a PDF reader would copy out of the document: proves the glyphs map back to the right characters. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/[\u00A0\u202F]/g, ' ');
}
