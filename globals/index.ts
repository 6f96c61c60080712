import { globalBehindSessionGate } from '../src/access/sessionGate'
import { SiteSettings } from './SiteSettings'

/** Every global, behind the same session gate as the collections. */
export const globals = [SiteSettings].map(globalBehindSessionGate)
