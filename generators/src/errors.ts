/** A problem with the generator's input: printed as is, nothing written. */
export class GeneratorError extends Error {
  override name = 'GeneratorError';
}
