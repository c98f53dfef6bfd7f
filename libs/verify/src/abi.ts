export class AbiMismatchError extends Error {}; export interface AbiReport {}; export function checkAbi(){}; export function acceptAbi(){}
