// The package ships no types: its one export is a Map from property name (`Script`, …) to a Map
// from each value alias to the canonical value name that ECMAScript's \p{…} accepts.
declare module 'unicode-property-value-aliases-ecmascript' {
  const aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  export default aliases;
}
