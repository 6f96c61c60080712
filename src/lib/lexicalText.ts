import type { Article } from '../payload-types'

/** The JSON shape of every rich-text field (Payload generates the same type for each). */
export type RichText = Article['body']

/** Lexical JSON for plain text: one paragraph per block, one line break per line inside a block. */
export const plainTextToLexical = (blocks: string[][]): RichText =>
  ({
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: blocks.map((lines) => ({
        type: 'paragraph',
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        version: 1,
        children: lines.flatMap((line, index) => [
          ...(index > 0 ? [{ type: 'linebreak', version: 1 }] : []),
          { type: 'text', text: line, detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
        ]),
      })),
    },
  }) as RichText
