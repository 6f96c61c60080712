import type { Metadata } from 'next'

import config from '@payload-config'
import { generatePageMetadata, RootPage } from '@payloadcms/next/views'
import { getNextRequestI18n } from '@payloadcms/next/utilities'

import { languageOf } from '../../../../lib/i18n'
import { importMap } from '../importMap.js'

type Args = {
  params: Promise<{ segments: string[] }>
  searchParams: Promise<{ [key: string]: string | string[] }>
}

const SECOND_FACTOR_TITLE = { ja: '二段階認証', en: 'Two-step verification' }

/**
 * Payload names its views' tabs by their default routes; the second factor lives on the moved unauthorized route
 * (/second-factor), which its metadata does not know, so the tab read "Not Found". Its page keeps the metadata of
 * Payload's unauthorized view (icons, suffix) under its own title.
 */
export const generateMetadata = async ({ params, searchParams }: Args): Promise<Metadata> => {
  const { admin } = await config
  const { segments = [] } = await params
  if (`/${segments.join('/')}` !== admin.routes.unauthorized)
    return generatePageMetadata({ config, params, searchParams })
  const metadata = await generatePageMetadata({
    config,
    params: Promise.resolve({ segments: ['unauthorized'] }),
    searchParams,
  })
  const { language } = await getNextRequestI18n({ config: await config })
  return { ...metadata, title: `${SECOND_FACTOR_TITLE[languageOf(language)]}${admin.meta?.titleSuffix ?? ''}` }
}

const Page = ({ params, searchParams }: Args) => RootPage({ config, params, searchParams, importMap })

export default Page
