/** One line of a long operator command's progress. */
export type Progress = (line: string) => void

let started: number | undefined

/**
 * Progress goes to stderr, each line with the seconds since the first, so stdout carries only the command's result
 * (the archive's path) for scripts.
 */
export const progressOnStderr: Progress = (line) => {
  started ??= Date.now()
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`)
}

export const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
