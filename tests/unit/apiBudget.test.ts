import { describe, expect, it } from 'vitest'

import { clientBudgetKey } from '../../src/lib/apiBudget'

/** Keys as the API budget has always counted them (they were checked against the limiter library used before). */
const KEYS: [address: string, key: string][] = [
  ['203.0.113.7', '203.0.113.7'],
  ['2001:db8:1234:5678::1', '2001:db8:1234:5600::/56'],
  ['2001:DB8:1234:56ff:ffff:ffff:ffff:ffff', '2001:db8:1234:5600::/56'],
  ['2001:db8:1234:5700::1', '2001:db8:1234:5700::/56'],
  ['2001:0:0:1::1', '2001::/56'],
  ['0:0:0:100::1', '0:0:0:100::/56'],
  ['a:b:c:d:e:f:1.2.3.4', 'a:b:c::/56'],
  ['64:ff9b::1.2.3.4', '64:ff9b::/56'],
  ['fe80::1%eth0', 'fe80::/56'],
  ['::1', '::/56'],
  ['::c633:6404', '::/56'],
  ['::ffff:198.51.100.4', '198.51.100.4'],
  ['::ffff:c633:6404', '198.51.100.4'],
  ['::198.51.100.4', '198.51.100.4'],
  ['unknown', 'unknown'],
]

describe('the key a client address spends the API budget under', () => {
  it.each(KEYS)('%s counts as %s', (address, key) => {
    expect(clientBudgetKey(address)).toBe(key)
  })

  it('reads no IPv4 address into a zone name that holds a dot', () => {
    expect(clientBudgetKey('::1%lo.0')).toBe('::/56')
  })
})
