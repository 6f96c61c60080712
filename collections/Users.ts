import type { CollectionConfig } from 'payload'

import { authenticated } from '../src/access/authenticated'
import { label } from '../src/lib/i18n'

export const ROLES = [
  { value: 'admin', label: label('管理者', 'Admin') },
  { value: 'hq', label: label('本部', 'HQ') },
  { value: 'manager', label: label('店長', 'Store manager') },
  { value: 'staff', label: label('スタッフ', 'Staff') },
]

/** Staff accounts: who signs in to the admin, with one role and the stores they work for. */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: label('ユーザー', 'User'), plural: label('ユーザー', 'Users') },
  graphQL: { singularName: 'User', pluralName: 'Users' },
  auth: true,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'stores'],
    listSearchableFields: ['name', 'email'],
    group: label('管理', 'Administration'),
  },
  access: { read: authenticated, create: authenticated, update: authenticated, delete: authenticated },
  fields: [
    { name: 'name', type: 'text', label: label('氏名', 'Name'), required: true, maxLength: 100 },
    {
      name: 'role',
      type: 'select',
      label: label('権限', 'Role'),
      options: ROLES,
      required: true,
      defaultValue: 'staff',
      saveToJWT: true,
      access: {
        // Nobody grants themselves more rights: only an admin sets roles.
        create: ({ req: { user } }) => user?.role === 'admin',
        update: ({ req: { user } }) => user?.role === 'admin',
      },
      admin: { position: 'sidebar' },
    },
    {
      name: 'stores',
      type: 'relationship',
      relationTo: 'stores',
      hasMany: true,
      label: label('所属店舗', 'Stores'),
      saveToJWT: true,
      access: {
        create: ({ req: { user } }) => user?.role === 'admin',
        update: ({ req: { user } }) => user?.role === 'admin',
      },
      admin: { position: 'sidebar' },
    },
    {
      name: 'disabled',
      type: 'checkbox',
      label: label('アカウント停止', 'Disabled'),
      defaultValue: false,
      admin: { position: 'sidebar', description: label('停止中のユーザーはログインできません。', 'A disabled user cannot sign in.') },
    },
  ],
}
