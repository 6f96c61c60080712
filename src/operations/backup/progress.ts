/** One line of a long operator command's progress. */
export type Progress = (line: string) => void

const started = Date.now()

/**
 * Progress goes to stderr, each line with the seconds since the command started, so stdout carries only the
 * command's result (the archive's path) for scripts.
 */
export const progressOnStderr: Progress = (line) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`)

export const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)
