/** Types of the part of seek-bzip (a CommonJS package without its own types) that vpost uses. */
declare module 'seek-bzip' {
  const Bunzip: {
    /** Decodes a whole bzip2 buffer; `multistream` reads concatenated streams (pbzip2). Throws on bad data. */
    decode(input: Uint8Array, output?: undefined, multistream?: boolean): Uint8Array;
  };
  export default Bunzip;
}
