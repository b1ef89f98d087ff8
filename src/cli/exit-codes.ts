export const EXIT_OK = 0;
/** The answer is bad news, or the work failed: nothing to show, a file that cannot be written. */
export const EXIT_FAILED = 1;
/** The question was wrong: bad arguments or configuration. Nothing was changed. */
export const EXIT_USAGE = 2;
