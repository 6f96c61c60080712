import {
  AlignFeature,
  BlockquoteFeature,
  BoldFeature,
  ChecklistFeature,
  HeadingFeature,
  HorizontalRuleFeature,
  IndentFeature,
  InlineCodeFeature,
  InlineToolbarFeature,
  ItalicFeature,
  LinkFeature,
  lexicalEditor,
  OrderedListFeature,
  ParagraphFeature,
  StrikethroughFeature,
  SubscriptFeature,
  SuperscriptFeature,
  UnderlineFeature,
  UnorderedListFeature,
  UploadFeature,
} from '@payloadcms/richtext-lexical'

import { BODY_LINK_COLLECTIONS, BODY_UPLOAD_COLLECTIONS, HEADING_TAGS } from './vocabulary'

/** What an empty body says: where to type, and that "/" opens the list of blocks (headings, lists, pictures …). */
export const EDITOR_PLACEHOLDER = {
  ja: '本文を入力（「/」でブロックを追加）',
  en: 'Write the body (type “/” to add a block)',
}

/**
 * The editor of every body: Payload's default features, less the relationship block (nothing renders it, and it
 * would embed any collection, users included, in a public body), with headings below the page title's h1, links
 * to typed addresses or to the chain's own pages (stores, articles, repair reports: rendered as their site paths)
 * and pictures from the media library. What these features
 * make is exactly what src/lib/richText/vocabulary.ts accepts and src/lib/richText/html.ts renders.
 */
export const richTextEditor = lexicalEditor({
  // Lexical's own Japanese reads as machine translation (コマンドのために'/'を押してください), and its translations are
  // merged over config.i18n's, so the editor's placeholder option says it instead.
  admin: { placeholder: EDITOR_PLACEHOLDER },
  features: [
    BoldFeature(),
    ItalicFeature(),
    UnderlineFeature(),
    StrikethroughFeature(),
    SubscriptFeature(),
    SuperscriptFeature(),
    InlineCodeFeature(),
    ParagraphFeature(),
    HeadingFeature({ enabledHeadingSizes: [...HEADING_TAGS] }),
    AlignFeature(),
    IndentFeature(),
    UnorderedListFeature(),
    OrderedListFeature(),
    ChecklistFeature(),
    LinkFeature({ enabledCollections: [...BODY_LINK_COLLECTIONS], maxDepth: 0 }),
    BlockquoteFeature(),
    UploadFeature({ enabledCollections: [...BODY_UPLOAD_COLLECTIONS] }),
    HorizontalRuleFeature(),
    InlineToolbarFeature(),
  ],
})
