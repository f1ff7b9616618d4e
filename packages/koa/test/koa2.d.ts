// Koa 2, installed under aliases for the compatibility tests; @types/koa describes the API they use.
declare module 'koa-2' {
  import Koa from 'koa';
  export default Koa;
}
declare module 'koa-2.14' {
  import Koa from 'koa';
  export default Koa;
}
