import type { Payload } from 'payload'

import type { Bilingual } from '../src/lib/i18n'
import { passwordProblem } from '../src/lib/auth/passwordPolicy'
import { type Environment, environment } from '../src/lib/env'
import type { Role } from '../src/lib/rights'
import { demoStore, sagaStore } from './data/store'
import { demoUsers } from './data/users'

const ADMIN_NAME = '管理者'

/** An account the seed is about to create, and where its password comes from. */
export type PlannedAccount = {
  email: string
  name: string
  role: Role
  storeSlug: 'saga' | 'demo'
  /** SEED_<ROLE>_PASSWORD when set; otherwise the seed generates one and prints it once. */
  passwordVariable: string
  password?: string
}

/** One thing wrong with the seed's settings: the variable, the accounts it was meant for, and the rule it breaks. */
export type SeedInputProblem = { variable: string; accounts: string[]; problem: Bilingual }

/** The seed's settings break a rule: nothing has been written. The message names each variable and rule, in both languages. */
export class SeedInputError extends Error {
  constructor(readonly problems: SeedInputProblem[]) {
    super(
      [
        'シードを読み込めません。次の設定を直してから、もう一度起動してください（データベースには何も書き込んでいません）。',
        'The seed was not loaded: fix these settings and start again (nothing was written to the database).',
        ...problems.map(({ variable, accounts, problem }) => {
          const forAccounts = accounts.length > 0 ? ` (${accounts.join(', ')})` : ''
          return `  - ${variable}${forAccounts}: ${problem.ja} / ${problem.en}`
        }),
      ].join('\n'),
    )
    this.name = 'SeedInputError'
  }
}

export const passwordVariable = (role: Role) => `SEED_${role.toUpperCase()}_PASSWORD`

type SeedPasswordVariable = Extract<keyof Environment, `SEED_${string}_PASSWORD`>

/** The password SEED_<ROLE>_PASSWORD gives, if the environment declares that variable and it is set. */
const seedPassword = (env: Environment, variable: string): string | undefined =>
  Object.hasOwn(env, variable) ? env[variable as SeedPasswordVariable] : undefined

// Payload's own e-mail rule (payload/dist/fields/validations.js), which it applies when the account is created.
const EMAIL_PATTERN =
  /^(?!.*\.\.)[\w!#$%&'*+/=?^`{|}~-](?:[\w!#$%&'*+/=?^`{|}~.-]*[\w!#$%&'*+/=?^`{|}~-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i

const existingEmails = async (payload: Payload): Promise<Map<string, Role>> => {
  const { docs } = await payload.find({
    collection: 'users',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { email: true, role: true },
  })
  return new Map(docs.map((user) => [String(user.email).toLowerCase(), user.role]))
}

const storeNames = async (payload: Payload): Promise<string[]> => {
  const { docs } = await payload.find({
    collection: 'stores',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { name: true },
  })
  return [...new Set([sagaStore.name, demoStore.name, ...docs.map((store) => String(store.name ?? ''))])]
}

/**
 * Reads, and writes nothing: the accounts the seed would create (the first admin when there is no admin yet, each
 * demo account not there yet) with their passwords, and every problem with SEED_ADMIN_EMAIL and SEED_<ROLE>_PASSWORD
 * that would otherwise stop the seed half way: a malformed or taken address, a password the policy refuses (checked
 * with the same rule and the same words, names and store names, as the account's creation).
 */
export const planAccounts = async (
  payload: Payload,
  env: Environment = environment(),
): Promise<{ accounts: PlannedAccount[]; problems: SeedInputProblem[] }> => {
  const problems: SeedInputProblem[] = []
  const taken = await existingEmails(payload)
  const withPassword = (account: Omit<PlannedAccount, 'passwordVariable' | 'password'>): PlannedAccount => {
    const variable = passwordVariable(account.role)
    return { ...account, passwordVariable: variable, password: seedPassword(env, variable) }
  }

  const accounts: PlannedAccount[] = []
  if (![...taken.values()].includes('admin')) {
    const email = env.SEED_ADMIN_EMAIL.trim().toLowerCase()
    if (!EMAIL_PATTERN.test(email)) {
      problems.push({
        variable: 'SEED_ADMIN_EMAIL',
        accounts: [],
        problem: {
          ja: `「${email}」はメールアドレスの形になっていません。`,
          en: `"${email}" is not an e-mail address.`,
        },
      })
    } else if (taken.has(email) || demoUsers.some((user) => user.email === email)) {
      problems.push({
        variable: 'SEED_ADMIN_EMAIL',
        accounts: [email],
        problem: {
          ja: 'このメールアドレスは別のアカウントが使っています。',
          en: 'Another account already uses this e-mail address.',
        },
      })
    }
    accounts.push(withPassword({ email, name: ADMIN_NAME, role: 'admin', storeSlug: 'saga' }))
  }
  for (const { storeSlug, ...user } of demoUsers) {
    if (!taken.has(user.email)) accounts.push(withPassword({ ...user, storeSlug }))
  }

  const stores = await storeNames(payload)
  for (const variable of new Set(accounts.map((account) => account.passwordVariable))) {
    const refused = accounts
      .filter((account) => account.passwordVariable === variable && account.password !== undefined)
      .map((account) => ({
        account,
        problem: passwordProblem(account.password as string, { ...account, storeNames: stores }),
      }))
      .filter((check) => check.problem !== undefined)
    // One line per variable and rule: a password too short for all the accounts that share it is said once.
    for (const problem of new Set(refused.map((check) => JSON.stringify(check.problem)))) {
      const accountsHit = refused
        .filter((check) => JSON.stringify(check.problem) === problem)
        .map((check) => check.account.email)
      problems.push({ variable, accounts: accountsHit, problem: JSON.parse(problem) as Bilingual })
    }
  }
  return { accounts, problems }
}
