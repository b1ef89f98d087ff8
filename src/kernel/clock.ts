/** Time reaches the domain as data: handlers ask this clock, tests inject their own. */
export type Clock = () => Date;
export const CLOCK = Symbol('Clock');
export const systemClock: Clock = () => new Date();
