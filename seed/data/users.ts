/**
 * Demo accounts of every role below admin, at the Saga store and at the demo store, so each role can be tried
 * in the admin. Passwords are never here: SEED_<ROLE>_PASSWORD, or generated and printed once by the seed.
 */
export const demoUsers = [
  { email: 'hq.saga@example.com', name: '本部 太郎（デモ）', role: 'hq', storeSlug: 'saga' },
  { email: 'manager.saga@example.com', name: '佐賀駅前店 店長（デモ）', role: 'manager', storeSlug: 'saga' },
  { email: 'staff.saga@example.com', name: '佐賀駅前店 スタッフ（デモ）', role: 'staff', storeSlug: 'saga' },
  { email: 'manager.demo@example.com', name: 'デモ店舗 店長（デモ）', role: 'manager', storeSlug: 'demo' },
  { email: 'staff.demo@example.com', name: 'デモ店舗 スタッフ（デモ）', role: 'staff', storeSlug: 'demo' },
] as const
