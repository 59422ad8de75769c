// pdfmake 0.3 ships no type declarations; src/pdf/render.ts types what is used (PdfEngine).
declare module 'pdfmake' {
  const pdfmake: unknown;
  export default pdfmake;
}
