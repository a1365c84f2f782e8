// punycode's ESM file, imported by path so Node's deprecated built-in "punycode" never answers.
declare module "punycode/punycode.es6.js" {
  export * from "punycode";
  export { default } from "punycode";
}
