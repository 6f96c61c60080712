type LexicalNode = { type?: string; text?: string; children?: LexicalNode[] }
type LexicalState = { root?: LexicalNode } | null | undefined

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem'])

/** The plain text of a Lexical document: blocks separated by blank lines, line breaks kept. */
export const lexicalToPlainText = (state: LexicalState): string => {
  const blocks: string[] = []
  const collect = (node: LexicalNode): string => {
    if (node.type === 'linebreak') return '\n'
    if (typeof node.text === 'string') return node.text
    return (node.children ?? []).map(collect).join('')
  }
  const walk = (node: LexicalNode) => {
    if (node.type && BLOCK_TYPES.has(node.type)) blocks.push(collect(node))
    else (node.children ?? []).forEach(walk)
  }
  if (state?.root) walk(state.root)
  return blocks.filter((block) => block.trim() !== '').join('\n\n')
}

/** Lexical JSON for plain text: one paragraph per block, one line break per line inside a block. */
export const plainTextToLexical = (blocks: string[][]) => ({
  root: {
    type: 'root',
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    version: 1,
    children: blocks.map((lines) => ({
      type: 'paragraph',
      direction: 'ltr' as const,
      format: '' as const,
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
})
