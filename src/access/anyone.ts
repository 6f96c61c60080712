import type { Access } from 'payload'

/** Public catalogue data (stores, devices, images) that frontends show to anyone. */
export const anyone: Access = () => true
