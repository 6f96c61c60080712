/**
 * One number for "the content as this instance knows it". Every write advances it (at its start and again after its
 * change is visible), and another instance's announced change advances it too. A cached answer is kept only if the
 * generation did not move while it was being read, and served only while the generation is the one it was read at:
 * so no answer read before a change can be served after it.
 */
let generation = 0
const localListeners = new Set<() => void>()

export const currentGeneration = (): number => generation

/** 'local': a change made by this process (others are told); 'remote': a change another instance announced. */
export const advanceGeneration = (origin: 'local' | 'remote'): void => {
  generation += 1
  if (origin === 'local') for (const listener of localListeners) listener()
}

/** Called after each local advance; returns an unsubscribe function. */
export const onLocalChange = (listener: () => void): (() => void) => {
  localListeners.add(listener)
  return () => {
    localListeners.delete(listener)
  }
}
