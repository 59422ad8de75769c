// The browser build of pdfmake 0.3 (UMD, no types); src/pdf/render.ts types what is used (PdfEngine).
declare module 'pdfmake/build/pdfmake.js' {
  const pdfMake: unknown;
  export default pdfMake;
}
