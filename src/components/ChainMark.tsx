import { ADMIN_NAME, FAVICON_PATH } from '../lib/brand'

import './ChainMark.scss'

/** The chain's mark (a phone with a tick: repaired): the favicon's own file, so the two never differ. */
// eslint-disable-next-line @next/next/no-img-element -- a small static SVG, nothing for Next's image pipeline to do
const Mark = ({ size }: { size: number }) => <img src={FAVICON_PATH} width={size} height={size} alt={ADMIN_NAME} />

/** The sign-in page's logo (admin.components.graphics.Logo): the mark and the chain's name instead of Payload's. */
export const ChainLogo = () => (
  <div className="chain-logo" data-testid="chain-logo">
    <Mark size={56} />
    <span className="chain-logo__name">{ADMIN_NAME}</span>
  </div>
)

/** The navigation's small icon (admin.components.graphics.Icon). */
export const ChainIcon = () => <Mark size={28} />
