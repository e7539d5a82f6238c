/** Safe redirects: the `next` a sign-in returns to, rebuilt as a same-site path. */
export { MAX_NEXT_LENGTH, safeNext } from './safe-next.js';
