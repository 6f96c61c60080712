import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The source page the seed is taken from, read independently of the seed's own data files. */
export const SOURCE_PAGE = readFileSync(
  path.resolve(import.meta.dirname, '../../seed/source/saga-7pay-page.txt'),
  'utf8',
)

/** The 7pay article's paragraphs as the page holds them: blocks between the byline and the store footer. */
export const sourceArticleParagraphs = (): string[] => {
  const byline = '[2019.07.18] スマホスピタル佐賀駅前\n\n'
  const start = SOURCE_PAGE.indexOf(byline) + byline.length
  const end = SOURCE_PAGE.indexOf('\n\niPhone・スマホ修理のスマホスピタル佐賀駅前店\n')
  return SOURCE_PAGE.slice(start, end).split('\n\n')
}

/** Each repair report of the side bar: title, [date] byline, and the text the page shows. */
export const sourceRepairReports = (): Array<{ title: string; day: string; text: string }> => {
  const section = SOURCE_PAGE.slice(SOURCE_PAGE.indexOf('新着iPhone修理ブログ'))
  const pattern = /  • (.+)\n\n    \[(\d{4})\.(\d{2})\.(\d{2})\] スマホスピタル佐賀駅前\n\n    (.+)\n/g
  return [...section.matchAll(pattern)].map(([, title, year, month, day, text]) => ({
    title,
    day: `${year}-${month}-${day}`,
    text,
  }))
}

type LexicalNode = { type: string; text?: string; children?: LexicalNode[] }

/** A Lexical body back to paragraphs of text, line breaks as \n: the shape the page shows. */
export const lexicalParagraphs = (body: { root: LexicalNode }): string[] =>
  (body.root.children ?? []).map((paragraph) =>
    (paragraph.children ?? []).map((node) => (node.type === 'linebreak' ? '\n' : (node.text ?? ''))).join(''),
  )
