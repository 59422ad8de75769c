import { Mark, mergeAttributes, type Extensions } from '@tiptap/core';
import { Table, TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * A footnote-style reference: "[n]" in the text, tied to a "Tài liệu tham khảo" entry by id, so the
 * export renumbers it when the list changes (stored as <sup data-ref="id">[n]</sup>).
 */
export const CiteRef = Mark.create({
  name: 'citeRef',
  inclusive: false,
  excludes: '_',
  addAttributes() {
    return {
      refId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-ref'),
        renderHTML: (attributes) => ({ 'data-ref': attributes.refId as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[data-ref]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['sup', mergeAttributes(HTMLAttributes, { class: 'cite-ref' }), 0];
  },
});

/**
 * What the SKKN editor can hold: sub-headings, paragraphs, bold/italic, lists, simple tables and
 * reference markers. Anything else pasted (Word styles, images, fonts) is dropped by the schema; its
 * text stays.
 */
export function skknExtensions(): Extensions {
  return [
    StarterKit.configure({ heading: { levels: [3, 4] }, codeBlock: false, horizontalRule: false, link: false, code: false }),
    TableKit.configure({ table: false }),
    PlainTable.configure({ resizable: false }),
    CiteRef,
  ];
}

/**
 * Tables written without the column widths Tiptap puts in style attributes: the CSP (style-src 'self')
 * refuses inline styles, and the exported document sets its own table layout anyway.
 */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const { style: _style, ...attributes } = HTMLAttributes as Record<string, unknown>;
    return ['table', mergeAttributes(this.options.HTMLAttributes, attributes), ['tbody', 0]];
  },
});

/**
 * Word's clipboard HTML before the editor parses it: conditional comments, style sheets, images and
 * Office namespace tags go; Word's fake list bullets ("·", "o", "1." in mso-list:Ignore spans) go too,
 * so a pasted list reads as its items. Text is never removed.
 */
export function cleanPastedHtml(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|xml|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<span[^>]*mso-list:\s*Ignore[^>]*>[\s\S]*?<\/span>\s*<\/span>|<span[^>]*mso-list:\s*Ignore[^>]*>[^<]*<\/span>/gi, '')
    .replace(/<\/?(o|v|w|m):[^>]*>/gi, '')
    .replace(/<img\b[^>]*>/gi, '');
}
